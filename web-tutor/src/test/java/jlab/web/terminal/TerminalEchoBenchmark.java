package jlab.web.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import jlab.kernel.pty.PtyProcess;
import jlab.kernel.pty.WindowSize;

/**
 * Keystroke echo round trip (bench/terminal-echo.sh runs it): one character
 * typed into {@code cat} on a raw pty, timed until it comes back — through
 * the whole web path (JDK WebSocket client → Jetty → pty → cat → pty →
 * Jetty → client), and beside it, interleaved in the same run, the same
 * round trip on a {@link PtyProcess} without the WebSocket: the floor.
 * Runs only when {@code -Djlab.bench.keystrokes=N} is given.
 */
@EnabledIfSystemProperty(named = "jlab.bench.keystrokes", matches = "[0-9]+")
class TerminalEchoBenchmark {
    private static final int WARM_UP = 200;

    /** One way to type a character and see it back. */
    private interface Path2 {
        void type(char c) throws Exception;

        BlockingQueue<String> echoes();
    }

    @Test
    void keystroke_echo_round_trip() throws Exception {
        int n = Integer.getInteger("jlab.bench.keystrokes");
        try (TestTutor tutor = new TestTutor(o -> o)) {
            TestTutor.Browser b = tutor.login();
            String ticket = tutor.ticket(b, "command", "raw-cat").get("ticket").asText();
            BlockingQueue<String> wsEchoes = new LinkedBlockingQueue<>();
            WebSocket ws = tutor.http.newWebSocketBuilder().header("Origin", tutor.origin).header("Cookie", b.cookie())
                    .buildAsync(URI.create(tutor.wsUrl(ticket)), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                            wsEchoes.add(StandardCharsets.UTF_8.decode(data).toString());
                            w.request(1);
                            return null;
                        }
                    }).get(20, TimeUnit.SECONDS);
            Path2 web = new Path2() {
                public void type(char c) { ws.sendText("{\"type\":\"input\",\"data\":\"" + c + "\"}", true).join(); }
                public BlockingQueue<String> echoes() { return wsEchoes; }
            };

            BlockingQueue<String> rawEchoes = new LinkedBlockingQueue<>();
            TerminalCommand cat = TestTutor.RAW_CAT;
            try (PtyProcess raw = PtyProcess.start(new PtyProcess.Spec(cat.argv(), cat.environment(System.getenv()), null,
                    WindowSize.standard()), bytes -> rawEchoes.add(new String(bytes, StandardCharsets.UTF_8)))) {
                Path2 floor = new Path2() {
                    public void type(char c) { raw.write(new byte[] {(byte) c}); }
                    public BlockingQueue<String> echoes() { return rawEchoes; }
                };
                for (int i = 0; i < WARM_UP; i++) {
                    roundTrip(web, i);
                    roundTrip(floor, i);
                }
                long[] webNanos = new long[n];
                long[] floorNanos = new long[n];
                for (int i = 0; i < n; i++) { // interleaved: both see the same moments of a noisy machine
                    webNanos[i] = roundTrip(web, i);
                    floorNanos[i] = roundTrip(floor, i);
                }
                report(n, webNanos, floorNanos);
            } finally {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
            }
        }
    }

    /** Types one letter and waits until it is echoed; nanoseconds. */
    private static long roundTrip(Path2 path, int i) throws Exception {
        char c = (char) ('a' + i % 26);
        path.echoes().clear();
        long t0 = System.nanoTime();
        path.type(c);
        while (true) {
            String echo = path.echoes().poll(5, TimeUnit.SECONDS);
            if (echo == null) throw new AssertionError("'" + c + "' was never echoed");
            if (echo.indexOf(c) >= 0) return System.nanoTime() - t0;
        }
    }

    private static void report(int n, long[] web, long[] floor) throws Exception {
        String row = String.format("| keystroke echo, web terminal (WebSocket + pty + cat) | %d | %.3f ms | %.3f ms | %.3f ms |%n"
                        + "| keystroke echo, raw pty + cat (the floor) | %d | %.3f ms | %.3f ms | %.3f ms |%n",
                n, ms(pct(web, 50)), ms(pct(web, 99)), ms(max(web)), n, ms(pct(floor, 50)), ms(pct(floor, 99)), ms(max(floor)));
        String table = "| what | keystrokes | median | p99 | max |\n| --- | --- | --- | --- | --- |\n" + row;
        System.out.print(table);
        String out = System.getProperty("jlab.bench.out");
        if (out != null) Files.writeString(Path.of(out), table);
        assertThat(pct(web, 50)).as("the web round trip is measured").isPositive();
    }

    private static long pct(long[] v, int p) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }

    private static long max(long[] v) { return Arrays.stream(v).max().orElse(0); }

    private static double ms(long nanos) { return nanos / 1e6; }

}
