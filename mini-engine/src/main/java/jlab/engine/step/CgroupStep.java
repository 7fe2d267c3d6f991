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

    /** Where the container's cgroup lives, relative to the hierarchy's root. */
    public static String cgroupPath(ContainerBuild b) { return "jlab/" + b.id(); }

    @Override
    public Explanation explain(ContainerBuild b) {
        String dir = b.cgroups().roots().get(0) + "/" + cgroupPath(b);
        String writes = b.cgroup() == null ? describeLimits(b)
                : b.cgroup().limitFiles().entrySet().stream()
                        .map(e -> "echo " + e.getValue() + " > " + e.getKey()).collect(Collectors.joining("; "));
        return new Explanation(
                "Make a cgroup (cgroup " + b.cgroups().version() + ") for the container and write its limits: the kernel"
                        + " holds every process in it to them, and counts what they use.",
                "mkdir(\"" + dir + "\"), then write(2) to its limit files",
                "mkdir " + dir + (writes.isEmpty() ? "" : "; " + writes),
                "cat " + dir + "/" + (b.cgroups().version().equals("v2") ? "memory.max pids.max cpu.max" : "...")
                        + " — and later its memory and cpu usage");
    }

    private static String describeLimits(ContainerBuild b) {
        Resources r = b.spec().resources();
        return r.any() ? "(limits: " + r + ")" : "";
    }

    @Override
    public void apply(ContainerBuild b) {
        b.cgroup(b.cgroups().create(cgroupPath(b), limitsOf(b.spec().resources())));
    }

    static CgroupLimits limitsOf(Resources r) {
        Long weight = r.cpuShares() == null ? null : CgroupLimits.weightFromShares(r.cpuShares());
        return new CgroupLimits(r.memoryBytes(), r.swapOnlyBytes(), r.cpuQuotaMicros(),
                r.cpus() == null ? null : Resources.CPU_PERIOD_MICROS, weight, r.pidsLimit());
    }

    @Override
    public void undo(ContainerBuild b) {
        if (b.cgroup() != null) {
            b.cgroup().killAll();
            b.cgroup().delete();
        }
    }

    @Override
    public boolean inHelper() { return false; }

    /** For tests and inspect: the files and values written. */
    public static Map<String, String> written(ContainerBuild b) {
        return b.cgroup() == null ? Map.of() : b.cgroup().limitFiles();
    }
}
