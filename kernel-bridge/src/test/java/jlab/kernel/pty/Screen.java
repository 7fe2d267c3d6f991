package jlab.kernel.pty;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** What a test's terminal printed, gathered from the reader thread, and a patient wait for some text to appear. */
final class Screen implements Consumer<byte[]> {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void accept(byte[] chunk) {
        bytes.writeBytes(chunk);
        notifyAll();
    }

    synchronized String text() { return bytes.toString(StandardCharsets.UTF_8); }

    /** Waits until the text holds {@code expected} after position {@code from}; returns where it ends. */
    synchronized int await(String expected, int from) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            String t = text();
            int at = t.indexOf(expected, from);
            if (at >= 0) return at + expected.length();
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) throw new AssertionError("the terminal never printed '" + expected + "'; it printed: " + t);
            wait(left);
        }
    }

    synchronized boolean matches(Predicate<String> p) { return p.test(text()); }
}
