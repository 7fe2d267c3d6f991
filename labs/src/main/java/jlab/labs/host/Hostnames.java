package jlab.labs.host;

import java.util.HashMap;
import java.util.Map;

import jlab.kernel.ns.Namespace;
import jlab.kernel.ns.NamespaceThread;
import jlab.kernel.proc.ProcFs;
import jlab.kernel.syscall.Syscalls;

/**
 * The hostname of another process's UTS namespace. No file tells it from
 * outside: /proc/sys/kernel/hostname answers for the <em>reader's</em>
 * namespace. So a short-lived thread joins the namespace with setns(2),
 * asks gethostname(2), and ends ({@link NamespaceThread}): what
 * {@code nsenter --uts --target PID hostname} does.
 */
public final class Hostnames {
    private final ProcFs proc;
    private final Map<Long, String> byNamespace = new HashMap<>();

    public Hostnames(ProcFs proc) {
        this.proc = proc;
    }

    /** Asked once per UTS namespace, however many processes share it. */
    public String of(long pid) {
        long inode = proc.namespaces(pid).getOrDefault(Namespace.UTS, 0L);
        return byNamespace.computeIfAbsent(inode, i ->
                NamespaceThread.call(proc.root().resolve(pid + "/ns/uts"), Namespace.UTS, () -> Syscalls.get().gethostname()));
    }
}
