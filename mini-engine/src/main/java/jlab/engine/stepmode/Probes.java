package jlab.engine.stepmode;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import jlab.kernel.ns.Namespace;
import jlab.kernel.syscall.Syscalls;

/**
 * Small reads of the kernel's state that need another namespace. setns(2) is
 * per thread for the UTS and network namespaces: a short-lived Java thread can
 * join the container's, read, and end — the rest of jlab never moves.
 */
public final class Probes {
    private Probes() {}

    /** The hostname in the UTS namespace of process {@code pid} (what {@code nsenter -u -t PID hostname} prints). */
    public static String hostname(long pid) {
        AtomicReference<String> name = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                Syscalls.get().setns(Path.of("/proc/" + pid + "/ns/uts"), Namespace.UTS);
                name.set(Syscalls.get().gethostname());
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "jlab-uts-probe");
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the container's hostname", e);
        }
        if (failure.get() != null) throw failure.get();
        return name.get();
    }
}
