package jlab.engine.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import jlab.kernel.ns.Namespace;
import jlab.kernel.proc.ProcFs;

/**
 * {@code ns}: for each kind of namespace, the one the container's process is
 * in beside jlab's own (the host's). Two processes share a namespace exactly
 * when /proc/PID/ns/KIND names the same inode; unshare(2) or clone(2) with a
 * CLONE_NEW* flag gives a process a new one, with a new inode.
 *
 * <p>PID (and time) namespaces are special: unshare(CLONE_NEWPID) does not
 * move the caller, whose pid cannot change, but the children it will have.
 * So a row also shows {@code pid_for_children} when it differs from the
 * process's own namespace: the step was taken, the next child is born inside.
 */
public final class NamespaceView {
    /**
     * One kind of namespace.
     *
     * @param kind        mnt, uts, ipc, net, pid, cgroup, user, time
     * @param container   the container's inode, 0 when the kernel shows none
     * @param host        jlab's inode
     * @param forChildren pid_for_children / time_for_children when it differs from {@code container}, else 0
     * @param differs     the container has its own namespace of this kind (or its next children will)
     */
    public record Row(String kind, long container, long host, long forChildren, boolean differs) {
        static Row of(String kind, long container, long host, long forChildren) {
            return new Row(kind, container, host, forChildren, container != host || (forChildren != 0 && forChildren != host));
        }
    }

    private final ProcFs proc;

    public NamespaceView() { this(ProcFs.host()); }

    public NamespaceView(ProcFs proc) { this.proc = proc; }

    /** The rows for {@code pid}, beside {@code hostPid} (jlab itself: ProcessHandle.current().pid()). */
    public List<Row> of(long pid, long hostPid) {
        Map<Namespace, Long> mine = proc.namespaces(pid);
        Map<Namespace, Long> host = proc.namespaces(hostPid);
        List<Row> rows = new ArrayList<>();
        for (Namespace ns : Namespace.values()) {
            if (!host.containsKey(ns)) continue; // this kernel lacks the kind (time before Linux 5.6)
            long container = mine.getOrDefault(ns, 0L);
            long children = 0;
            if (ns == Namespace.PID || ns == Namespace.TIME) {
                OptionalLong c = proc.namespaceForChildren(pid, ns);
                if (c.isPresent() && c.getAsLong() != container) children = c.getAsLong();
            }
            rows.add(Row.of(ns.procName(), container, host.get(ns), children));
        }
        return rows;
    }
}
