package jlab.engine.step;

import java.util.Map;
import java.util.stream.Collectors;

import jlab.engine.Resources;
import jlab.kernel.cgroup.CgroupLimits;

/**
 * Creates the container's cgroup and writes its limits. A cgroup is a
 * directory in the cgroup filesystem: mkdir makes one, writing its files sets
 * limits, and every process listed in its cgroup.procs is held to them.
 */
public final class CgroupStep implements Step {
    @Override
    public String name() { return "cgroup"; }

    /** Where the container's cgroup lives, relative to the hierarchy's root: under its engine's parent. */
    public static String cgroupPath(ContainerBuild b) { return b.stateDir().cgroupParent() + "/" + b.id(); }

    @Override
    public Explanation explain(ContainerBuild b) {
        String dir = b.cgroups().roots().get(0) + "/" + cgroupPath(b);
        Map<String, String> files = b.cgroup() != null ? b.cgroup().limitFiles()
                : b.cgroups().plannedWrites(limitsOf(b.spec().resources()));
        String writes = files.entrySet().stream()
                .map(e -> "echo " + e.getValue() + " > " + hostFile(b, e.getKey())).collect(Collectors.joining("; "));
        return new Explanation(
                "Make a cgroup (cgroup " + b.cgroups().version() + ") for the container and write its limits: the kernel"
                        + " holds every process in it to them, and counts what they use.",
                "mkdir(\"" + dir + "\"), then write(2) to its limit files",
                "mkdir " + dir + (writes.isEmpty() ? "" : "; " + writes),
                "cat " + dir + "/" + (b.cgroups().version().equals("v2") ? "memory.max pids.max cpu.max" : "...")
                        + " — and later its memory and cpu usage");
    }

    @Override
    public void apply(ContainerBuild b) {
        b.cgroup(b.cgroups().create(cgroupPath(b), limitsOf(b.spec().resources())));
    }

    /**
     * Where a limit file is on the host: v2 names it "memory.max", in the
     * container's one directory; v1 names it "memory/memory.limit_in_bytes", in
     * the container's directory of that controller's tree (/sys/fs/cgroup/memory/...).
     */
    private static String hostFile(ContainerBuild b, String key) {
        String root = b.cgroups().roots().get(0).toString();
        int slash = key.indexOf('/');
        if (slash < 0) return root + "/" + cgroupPath(b) + "/" + key;
        String treeRoot = root.substring(0, root.lastIndexOf('/') + 1) + key.substring(0, slash);
        return treeRoot + "/" + cgroupPath(b) + key.substring(slash);
    }

    static CgroupLimits limitsOf(Resources r) {
        Long weight = r.cpuShares() == null ? null : CgroupLimits.weightFromShares(r.cpuShares());
        return new CgroupLimits(r.memoryBytes(), r.swapOnlyBytes(), r.cpuQuotaMicros(),
                r.cpus() == null ? null : Resources.CPU_PERIOD_MICROS, weight, r.pidsLimit());
    }

    /**
     * Reopens the cgroup by its path, not by the object apply made: the jlab
     * that tears a detached container down is often not the one that made it.
     * Kills what is left inside (the kernel refuses to remove a cgroup that
     * holds a process), then removes it. A cgroup already gone is fine.
     */
    @Override
    public void undo(ContainerBuild b) {
        b.cgroups().open(cgroupPath(b)).ifPresent(cg -> {
            cg.killAll();
            cg.delete();
        });
    }

    @Override
    public boolean inHelper() { return false; }

    /** For tests and inspect: the files and values written. */
    public static Map<String, String> written(ContainerBuild b) {
        return b.cgroup() == null ? Map.of() : b.cgroup().limitFiles();
    }
}
