package jlab.kernel.syscall;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a piece of a test on a new thread that ends right after it.
 *
 * <p>Linux keeps namespaces, the root and cwd (with CLONE_FS) and PR_SET_PDEATHSIG
 * per <em>task</em>, and a Java thread is one task: a thread that unshares its UTS
 * namespace has a hostname of its own, and the JUnit thread must never do that, or
 * every later test would run in it. A new thread takes the change with it when it ends.
 */
public final class FreshThread {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** A body that may throw anything, assertion failures included. */
    @FunctionalInterface
    public interface Body<T> {
        T run() throws Exception;
    }

    private FreshThread() {}

    /** Runs {@code body} on a new thread, waits for the thread to end, and returns what it returned (or throws what it threw). */
    public static <T> T call(String name, Body<T> body) throws InterruptedException {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                result.set(body.run());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, name);
        thread.start();
        thread.join(PATIENCE.toMillis());
        if (thread.isAlive()) throw new AssertionError("thread " + name + " still runs after " + PATIENCE);
        Throwable t = failure.get();
        if (t instanceof Error e) throw e;
        if (t instanceof RuntimeException e) throw e;
        if (t != null) throw new AssertionError("thread " + name + " failed", t);
        return result.get();
    }

    /** {@link #call} for a body that returns nothing. */
    public static void run(String name, Body<?> body) throws InterruptedException {
        call(name, body);
    }
}
