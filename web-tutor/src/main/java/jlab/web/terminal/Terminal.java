package jlab.web.terminal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

import jlab.kernel.pty.PtyProcess;
import jlab.kernel.pty.WindowSize;

/**
 * One terminal of one browser session: the program on its pty, the
 * scrollback, and the page that shows it (at most one: a newer tab takes it
 * over, and the older one is told so). Output goes to the scrollback and to
 * the page under one lock, so a page that attaches gets the scrollback and
 * then every later byte — none lost, none twice.
 */
final class Terminal {
    final String id;
    final String owner;
    final String command;
    private final Scrollback scrollback;
    private final Consumer<Terminal> ended;
    private PtyProcess process;
    private Viewer viewer;
    private byte[] carry = new byte[0]; // an incomplete UTF-8 character, held for the next chunk
    private Integer exitCode;
    private volatile boolean ending;

    Terminal(String id, String owner, String command, int scrollbackBytes, Consumer<Terminal> ended) {
        this.id = id;
        this.owner = owner;
        this.command = command;
        this.scrollback = new Scrollback(scrollbackBytes);
        this.ended = ended;
    }

    /** Starts the program; called once, right after construction. */
    void start(PtyProcess.Spec spec) {
        PtyProcess p = PtyProcess.start(spec, this::output);
        synchronized (this) {
            process = p;
        }
        p.exit().thenAccept(this::exited);
    }

    synchronized long pid() { return process.pid(); }

    PtyProcess process() { return process; }

    boolean ending() { return ending; }

    void markEnding() { ending = true; }

    /** From the pty's reader thread: what the program printed. */
    private void output(byte[] chunk) {
        Viewer v;
        synchronized (this) {
            byte[] all = carry.length == 0 ? chunk : concat(carry, chunk);
            int n = Utf8Tail.completeLength(all, all.length);
            carry = Arrays.copyOfRange(all, n, all.length);
            byte[] whole = n == all.length ? all : Arrays.copyOf(all, n);
            scrollback.append(whole);
            v = viewer;
            if (v != null) v.output(whole);
        }
        if (v != null) v.awaitDrain(); // outside the lock: a slow page must not stop a new one attaching
    }

    private void exited(int code) {
        synchronized (this) {
            exitCode = code;
            if (carry.length > 0) {
                scrollback.append(carry);
                if (viewer != null) viewer.output(carry);
                carry = new byte[0];
            }
            if (viewer != null && !ending) {
                viewer.control(Control.exited(code));
                viewer.close(CloseCodes.NORMAL, "the program exited with code " + code);
            }
            viewer = null;
        }
        ended.accept(this);
    }

    /** Makes {@code v} the page of this terminal: it gets "ready", the scrollback, then live output. */
    synchronized boolean attach(Viewer v) {
        if (exitCode != null || ending) return false;
        Viewer old = viewer;
        viewer = v;
        if (old != null) {
            old.control(Control.takenOver());
            old.close(CloseCodes.TAKEN_OVER, Control.TAKEN_OVER);
        }
        byte[] replay = scrollback.snapshot();
        v.control(Control.ready(id, command, process.pid(), replay.length));
        v.output(replay);
        return true;
    }

    /** The page went away; true if it was this terminal's page (and the terminal now has none). */
    synchronized boolean detach(Viewer v) {
        if (viewer != v) return false;
        viewer = null;
        return true;
    }

    synchronized boolean shownBy(Viewer v) { return viewer == v; }

    synchronized boolean hasViewer() { return viewer != null; }

    /** Typed by page {@code v}; false if the program is not reading (its input queue is full). */
    boolean input(Viewer v, String data) {
        if (!shownBy(v)) return true; // a page that was taken over types into nothing
        return process.write(data.getBytes(StandardCharsets.UTF_8));
    }

    void resize(Viewer v, WindowSize size) {
        if (shownBy(v)) process.resize(size);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
