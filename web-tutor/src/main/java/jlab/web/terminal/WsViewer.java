package jlab.web.terminal;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** A {@link Viewer} on a Jetty WebSocket: output as binary frames, control messages as text frames. */
final class WsViewer implements Viewer {
    /** Output bytes sent but not yet written to the network, at most, before the terminal's reader waits. */
    static final long MAX_IN_FLIGHT = 1 << 20;

    private final Session session;
    private final AtomicLong inFlight = new AtomicLong();
    private final Object drained = new Object();

    WsViewer(Session session) {
        this.session = session;
    }

    @Override
    public void output(byte[] bytes) {
        if (bytes.length == 0 || !session.isOpen()) return;
        inFlight.addAndGet(bytes.length);
        Runnable done = () -> {
            inFlight.addAndGet(-bytes.length);
            synchronized (drained) {
                drained.notifyAll();
            }
        };
        session.sendBinary(ByteBuffer.wrap(bytes), Callback.from(done, failed -> done.run()));
    }

    @Override
    public void control(String json) {
        if (session.isOpen()) session.sendText(json, Callback.NOOP);
    }

    @Override
    public void close(int code, String reason) {
        session.close(code, reason, Callback.NOOP);
    }

    @Override
    public void awaitDrain() {
        synchronized (drained) {
            while (inFlight.get() > MAX_IN_FLIGHT && session.isOpen()) {
                try {
                    drained.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
