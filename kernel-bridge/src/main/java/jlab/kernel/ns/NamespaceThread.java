package jlab.kernel.ns;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jlab.kernel.KernelException;
import jlab.kernel.syscall.Syscalls;

/**
 * Does one thing inside another process's namespace without moving the
 * caller: a new thread joins the namespace with setns(2), does the work, and
 * ends, taking its namespace with it. Linux keeps namespaces per task and a
 * Java thread is one task, so this works for the kinds a single thread of a
 * multi-threaded process may join: UTS (a hostname), network (a netlink
 * socket stays in the namespace it was made in), IPC. Not for mount or user
 * namespaces: setns(2) refuses those to a multi-threaded process (EINVAL).
 * {@code nsenter --target PID --uts hostname} is the same idea, with a process.
 */
public final class NamespaceThread {
    private NamespaceThread() {}

    /** The work's result, computed in the namespace {@code nsFile} names ({@code /proc/PID/ns/uts}, {@code /run/netns/NAME}). */
    public static <T> T call(Path nsFile, Namespace kind, Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                Syscalls.get().setns(nsFile, kind);
                result.set(work.get());
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "jlab-" + kind.procName() + "ns");
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KernelException.of("setns", "\"" + nsFile + "\", " + kind.cloneFlagName(), "interrupted while joining the namespace");
        }
        if (failure.get() != null) throw failure.get();
        return result.get();
    }
}
