package jlab.web.terminal;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A terminal page without a browser: the JDK's WebSocket client, speaking the
 * terminal protocol, gathering output (binary frames) and control messages
 * (text frames), and waiting patiently for what a test expects.
 */
final class TermClient implements WebSocket.Listener, AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final List<JsonNode> controls = new ArrayList<>();
    private final StringBuilder partialText = new StringBuilder();
    private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();
    final CompletableFuture<String> closed = new CompletableFuture<>(); // "code reason"
    private WebSocket ws;

    static TermClient connect(HttpClient http, String wsUrl, String origin, String cookie) throws Exception {
        TermClient c = new TermClient();
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(PATIENCE);
        if (origin != null) b.header("Origin", origin);
        if (cookie != null) b.header("Cookie", cookie);
        c.ws = b.buildAsync(URI.create(wsUrl), c).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        return c;
    }

    @Override
    public synchronized CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
        partialText.append(data);
        if (last) {
            try {
                controls.add(JSON.readTree(partialText.toString()));
            } catch (Exception e) {
                controls.add(JSON.createObjectNode().put("type", "unparsable").put("text", partialText.toString()));
            }
            partialText.setLength(0);
            notifyAll();
        }
        w.request(1);
        return null;
    }

    @Override
    public synchronized CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        partialBinary.writeBytes(b);
        if (last) {
            output.writeBytes(partialBinary.toByteArray());
            partialBinary.reset();
            notifyAll();
        }
        w.request(1);
        return null;
    }

    @Override
    public synchronized CompletionStage<?> onClose(WebSocket w, int code, String reason) {
        closed.complete(code + " " + reason);
        notifyAll();
        return null;
    }

    @Override
    public void onError(WebSocket w, Throwable error) {
        closed.complete("error " + error);
    }

    void send(String json) {
        ws.sendText(json, true).join();
    }

    void type(String text) throws Exception {
        send(JSON.writeValueAsString(java.util.Map.of("type", "input", "data", text)));
    }

    void resize(int cols, int rows) {
        send("{\"type\":\"resize\",\"cols\":" + cols + ",\"rows\":" + rows + "}");
    }

    synchronized String text() { return output.toString(StandardCharsets.UTF_8); }

    /** Waits until the output holds {@code expected} at or after {@code from}; returns the index after it. */
    synchronized int await(String expected, int from) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            int at = text().indexOf(expected, from);
            if (at >= 0) return at + expected.length();
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                throw new AssertionError("the terminal never printed '" + expected + "' (closed: " + closed.getNow("no")
                        + "); it printed: " + text());
            }
            wait(Math.min(left, 200));
        }
    }

    /** Waits for a control message of this type. */
    synchronized JsonNode awaitControl(String type) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            for (JsonNode c : controls) if (type.equals(c.path("type").asText())) return c;
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) throw new AssertionError("no '" + type + "' message came; got " + controls + ", closed: " + closed.getNow("no"));
            wait(Math.min(left, 200));
        }
    }

    String awaitClose() throws Exception {
        return closed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) ws.sendClose(WebSocket.NORMAL_CLOSURE, "test done");
        ws.abort();
    }
}
