package jlab.labs.host;

import java.util.function.Function;

import jlab.kernel.ns.Namespace;
import jlab.kernel.ns.NamespaceThread;
import jlab.kernel.proc.ProcFs;

/**
 * Reads /proc as a process <em>inside</em> another namespace reads it. A few
 * files answer for the reader's namespace, not for the pid in their path:
 * /proc/sysvipc/msg lists the message queues of the reader's IPC namespace,
 * and /proc/PID/cgroup writes each path from the root of the reader's cgroup
 * namespace. To see what a process sees there, the reading must happen in its
 * namespace: {@code nsenter --ipc --target PID ipcs -q},
 * {@code nsenter --cgroup --target PID cat /proc/PID/cgroup}.
 */
public interface NamespaceReader {
    /** What {@code reading} finds in /proc when done inside the {@code kind} namespace of {@code pid}. */
    <T> T read(long pid, Namespace kind, Function<ProcFs, T> reading);

    /**
     * This machine: a new thread joins the namespace with setns(2), reads, and
     * ends ({@link NamespaceThread}). Linux keeps IPC and cgroup namespaces per
     * thread, so the rest of jlab stays where it is.
     */
    static NamespaceReader joining(ProcFs proc) {
        return new NamespaceReader() {
            @Override
            public <T> T read(long pid, Namespace kind, Function<ProcFs, T> reading) {
                return NamespaceThread.call(proc.root().resolve(pid + "/ns/" + kind.procName()), kind, () -> reading.apply(proc));
            }
        };
    }
}
