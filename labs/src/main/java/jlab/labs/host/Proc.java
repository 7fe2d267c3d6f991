package jlab.labs.host;

import java.util.List;
import java.util.Map;

import jlab.kernel.ns.Namespace;
import jlab.kernel.proc.ProcStatus;

/**
 * One process of the host as a check sees it: its namespaces (inode numbers
 * of /proc/PID/ns/*) and its status.
 */
public record Proc(long pid, Map<Namespace, Long> namespaces, ProcStatus status, List<String> cmdline) {
    public Proc {
        namespaces = Map.copyOf(namespaces);
        cmdline = List.copyOf(cmdline);
    }

    /** The inode of its namespace of that kind; 0 when the kernel shows none (a zombie's). */
    public long ns(Namespace kind) { return namespaces.getOrDefault(kind, 0L); }

    /** How a message names it: {@code pid 4242 (sleep)}. */
    public String label() { return "pid " + pid + " (" + status.name() + ")"; }
}
