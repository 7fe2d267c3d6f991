package jlab.engine.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jlab.kernel.KernelException;
import jlab.kernel.ns.Namespace;
import jlab.kernel.proc.ProcFs;
import jlab.kernel.proc.ProcStat;
import jlab.kernel.proc.ProcStatus;

/**
 * {@code ps NAME}: the container's processes as a tree, each with its pid on
 * the host and its pid inside (the last NSpid of /proc/PID/status: a process
 * has one pid in each PID namespace it belongs to, from the host's down).
 *
 * <p>Which processes: the container's process and its descendants, and, once
 * it has a PID namespace of its own, every process in that namespace (one
 * started by {@code exec} is in it without descending from PID 1: setns
 * put it there).
 */
public final class ProcessTree {
    /**
     * One process.
     *
     * @param depth     0 for a root of the tree, 1 for its children...
     * @param pid       on the host
     * @param pidInside in the container's PID namespace (the last NSpid)
     * @param command   its command line, or {@code [comm]} when it has none
     */
    public record Node(int depth, long pid, long ppid, long pidInside, String command) {}

    private final ProcFs proc;

    public ProcessTree() { this(ProcFs.host()); }

    public ProcessTree(ProcFs proc) { this.proc = proc; }

    /** The tree under {@code pid}, parents before their children; {@code hostPid} is jlab's own pid. */
    public List<Node> of(long pid, long hostPid) {
        long hostPidNs = proc.namespaces(hostPid).getOrDefault(Namespace.PID, 0L);
        long pidNs = proc.namespaces(pid).getOrDefault(Namespace.PID, 0L);
        Map<Long, ProcStat> stats = new LinkedHashMap<>();
        Map<Long, Long> namespaces = new LinkedHashMap<>();
        for (long p : proc.pids()) {
            try {
                ProcStat stat = proc.stat(p);
                long ns = proc.namespaces(p).getOrDefault(Namespace.PID, 0L);
                stats.put(p, stat);
                namespaces.put(p, ns);
            } catch (KernelException exited) {
                // gone between the listing and the read
            }
        }
        List<Long> members = new ArrayList<>();
        for (long p : stats.keySet()) {
            boolean inItsNamespace = pidNs != hostPidNs && namespaces.get(p) == pidNs; // unboxed: both are read
            if (p == pid || inItsNamespace || descendsFrom(p, pid, stats)) members.add(p);
        }
        List<Node> nodes = new ArrayList<>();
        for (long p : members) {
            if (!members.contains(stats.get(p).ppid())) add(p, 0, members, stats, nodes);
        }
        return nodes;
    }

    private void add(long p, int depth, List<Long> members, Map<Long, ProcStat> stats, List<Node> nodes) {
        try {
            ProcStatus status = proc.status(p);
            List<String> cmdline = proc.cmdline(p);
            nodes.add(new Node(depth, p, stats.get(p).ppid(), status.pidInInnermostNamespace(),
                    cmdline.isEmpty() ? "[" + stats.get(p).comm() + "]" : String.join(" ", cmdline)));
        } catch (KernelException exited) {
            return;
        }
        for (long child : members) {
            if (stats.get(child).ppid() == p) add(child, depth + 1, members, stats, nodes);
        }
    }

    private static boolean descendsFrom(long p, long ancestor, Map<Long, ProcStat> stats) {
        for (int hops = 0; hops < 4096; hops++) {
            ProcStat s = stats.get(p);
            if (s == null || s.ppid() <= 0) return false;
            if (s.ppid() == ancestor) return true;
            p = s.ppid();
        }
        return false;
    }
}
