package jlab.kernel.cgroup;

import java.util.Map;

import jlab.kernel.Hints;

/**
 * What a refused cgroup file operation usually means, keyed by "file errno"
 * (or "operation errno" for mkdir/rmdir). The kernel's errno is terse; the
 * file tells which rule was broken.
 */
final class CgroupHints {
    private CgroupHints() {}

    private static final String CPU_RANGE =
            "the quota must be at least 1000 µs (or max), the period between 1000 and 1000000 µs";

    private static final Map<String, String> BY_FILE = Map.ofEntries(
            Map.entry("cgroup.procs EBUSY", "cgroup v2 keeps processes only in leaves (\"no internal processes\"):"
                    + " this cgroup enables controllers for its children in cgroup.subtree_control, so put the process in a child"),
            Map.entry("cgroup.procs ESRCH", "no such process: it exited before it could be moved"),
            Map.entry("cgroup.procs EOPNOTSUPP", "a process can only join a domain cgroup: see this cgroup's cgroup.type"),
            Map.entry("cgroup.subtree_control EBUSY", "this cgroup holds processes, and on v2 only the root may both hold"
                    + " processes and enable controllers for children: move them into a child cgroup first"
                    + " (systemd uses init.scope; inside a container, its own cgroup is such a non-root parent)"),
            Map.entry("cgroup.subtree_control ENOENT", "this controller is not in the cgroup's cgroup.controllers:"
                    + " the parent must enable it in its own cgroup.subtree_control first, or a v1 hierarchy holds it"),
            Map.entry("memory.limit_in_bytes EBUSY", "the cgroup already uses more memory than the new limit"
                    + " and the kernel could not reclaim enough: choose a higher limit"),
            Map.entry("memory.limit_in_bytes EINVAL", "on v1 memory.limit_in_bytes may not exceed"
                    + " memory.memsw.limit_in_bytes (memory + swap): give a swap limit as well"),
            Map.entry("memory.memsw.limit_in_bytes EINVAL", "memory.memsw.limit_in_bytes counts memory + swap"
                    + " and may not be below memory.limit_in_bytes"),
            Map.entry("cpu.max EINVAL", CPU_RANGE),
            Map.entry("cpu.cfs_quota_us EINVAL", CPU_RANGE),
            Map.entry("cpu.cfs_period_us EINVAL", CPU_RANGE),
            Map.entry("cpu.weight ERANGE", "cpu.weight goes from 1 to 10000"),
            Map.entry("pids.max EINVAL", "pids.max takes a number of tasks, or max"),
            Map.entry("cgroup.freeze ENOENT", "the v2 freezer (cgroup.freeze) needs Linux 5.2 or later"),
            Map.entry("cgroup.kill ENOENT", "cgroup.kill needs Linux 5.14 or later"));

    private static final Map<String, String> BY_OPERATION = Map.of(
            "mkdir EEXIST", "a cgroup of this name exists already: open it, or remove it first (jlab gc)",
            "mkdir EAGAIN", "an ancestor's cgroup.max.descendants or cgroup.max.depth is reached",
            "mkdir EROFS", "/sys/fs/cgroup is mounted read-only here (inside a container?): run jlab on the host",
            "mkdir ENOENT", "the parent cgroup does not exist");

    private static final String MISSING_FILE = "this cgroup has no such file: its controller is not enabled here"
            + " (v2: see cgroup.controllers and the parent's cgroup.subtree_control; v1: is it mounted?)"
            + " or this kernel is too old for it";

    static String forFailure(String operation, String fileName, String errnoName) {
        String hint = BY_FILE.get(fileName + " " + errnoName);
        if (hint == null) {
            hint = BY_OPERATION.get(operation + " " + errnoName);
        }
        if (hint == null && errnoName.equals("ENOENT") && (operation.equals("write") || operation.equals("read"))) {
            hint = MISSING_FILE;
        }
        return hint != null ? hint : Hints.forFailure(operation, errnoName);
    }
}
