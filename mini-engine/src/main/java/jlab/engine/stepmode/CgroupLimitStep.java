package jlab.engine.stepmode;

import java.util.Locale;
import java.util.Map;

import jlab.engine.EngineException;
import jlab.engine.Resources;
import jlab.engine.step.CgroupStep;
import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Explanation;
import jlab.engine.step.Step;
import jlab.kernel.cgroup.CgroupLimits;

/**
 * {@code cgroup memory 64m}, {@code cgroup cpus 0.5}, {@code cgroup pids 50}: one
 * limit written on the container's existing cgroup, as {@code docker update}
 * would. A cgroup's limits can change while its processes run: the kernel
 * applies the new value at once (memory above a lowered limit is reclaimed,
 * then the OOM killer chooses). Undo writes back the value the file had.
 */
public final class CgroupLimitStep implements Step {
    /** What the student can limit, and the file it is on v2 and on v1. */
    public enum Kind {
        MEMORY("memory", "memory.max", "memory/memory.limit_in_bytes"),
        CPUS("cpus", "cpu.max", "cpu/cpu.cfs_quota_us"),
        PIDS("pids", "pids.max", "pids/pids.max");

        final String word;
        final String v2File;
        final String v1File;

        Kind(String word, String v2File, String v1File) {
            this.word = word;
            this.v2File = v2File;
            this.v1File = v1File;
        }

        public String word() { return word; }

        public static Kind of(String word) {
            for (Kind k : values()) if (k.word.equals(word)) return k;
            throw new EngineException("cgroup " + word + ": jlab can limit memory, cpus or pids"
                    + " (e.g. cgroup memory 64m, cgroup cpus 0.5, cgroup pids 50)");
        }
    }

    private final Kind kind;
    private final String typed;
    private final long value;
    /** The value the file had before apply, as a limit (UNLIMITED for "max"); null until applied. */
    private Long previous;

    /** @param value bytes (memory), micro-seconds of CPU per 100 ms (cpus), or a count (pids) */
    public CgroupLimitStep(Kind kind, String typed, long value) {
        this.kind = kind;
        this.typed = typed;
        this.value = value;
    }

    public Kind kind() { return kind; }

    public long value() { return value; }

    @Override
    public String name() { return "cgroup " + kind.word + " " + typed; }

    /** The limit file, named as {@link jlab.kernel.cgroup.Cgroup#limitValues()} names it on this host. */
    public String file(ContainerBuild b) { return b.cgroups().version().equals("v2") ? kind.v2File : kind.v1File; }

    @Override
    public Explanation explain(ContainerBuild b) {
        String path = hostFile(b);
        String written = written(b);
        String what = switch (kind) {
            case MEMORY -> "at most " + typed + " of RAM: beyond it the kernel reclaims, then its OOM killer kills a process inside";
            case CPUS -> typed + " CPU: " + value + " µs of CPU time per 100 ms period";
            case PIDS -> "at most " + typed + " tasks: beyond it fork(2) fails with EAGAIN";
        };
        return new Explanation("Limit the container's cgroup to " + what + ". The processes inside are held to it at once.",
                "write(open(\"" + path + "\"), \"" + written + "\")",
                "echo " + (written.contains(" ") ? "'" + written + "'" : written) + " > " + path,
                "cat " + path);
    }

    /** The limit file on the host: v2 has one directory; v1 one per controller tree (/sys/fs/cgroup/memory/...). */
    public String hostFile(ContainerBuild b) {
        String file = file(b);
        String root = b.cgroups().roots().get(0).toString();
        int slash = file.indexOf('/');
        if (slash < 0) return root + "/" + CgroupStep.cgroupPath(b) + "/" + file;
        String treeRoot = root.substring(0, root.lastIndexOf('/') + 1) + file.substring(0, slash);
        return treeRoot + "/" + CgroupStep.cgroupPath(b) + file.substring(slash);
    }

    private String written(ContainerBuild b) {
        boolean v2 = b.cgroups().version().equals("v2");
        if (kind == Kind.CPUS && v2) return value + " " + Resources.CPU_PERIOD_MICROS;
        return Long.toString(value);
    }

    @Override
    public void apply(ContainerBuild b) {
        Map<String, String> before = b.cgroup().limitValues();
        previous = parse(kind, before.get(file(b)));
        b.cgroup().setLimits(limits(value));
    }

    /** Writes back what the file held before: the spec's limit, an earlier step's, or none ("max"). */
    @Override
    public void undo(ContainerBuild b) {
        if (previous == null || b.cgroup() == null) return;
        b.cgroup().setLimits(limits(previous));
        previous = null;
    }

    private CgroupLimits limits(long v) {
        CgroupLimits none = CgroupLimits.none();
        return switch (kind) {
            case MEMORY -> none.withMemoryBytes(v);
            case CPUS -> none.withCpuQuota(v, v == CgroupLimits.UNLIMITED ? null : Resources.CPU_PERIOD_MICROS);
            case PIDS -> none.withPidsMax(v);
        };
    }

    /** A limit file's text as a limit: "max", v1's -1 or its huge "no limit" number are UNLIMITED. */
    static Long parse(Kind kind, String text) {
        if (text == null) return null;
        String first = text.strip().split("\\s+")[0];
        if (first.equals("max") || first.equals("-1")) return CgroupLimits.UNLIMITED;
        long v = Long.parseLong(first);
        return kind == Kind.MEMORY && v >= (1L << 62) ? CgroupLimits.UNLIMITED : v;
    }

    /** {@code cgroup memory 64m}'s value: bytes, CPU micro-seconds per period, or tasks; refused in one line. */
    public static CgroupLimitStep parse(String kindWord, String typed) {
        Kind kind = Kind.of(kindWord);
        String t = typed.strip().toLowerCase(Locale.ROOT);
        try {
            return switch (kind) {
                case MEMORY -> new CgroupLimitStep(kind, typed, bytes(t));
                case CPUS -> {
                    double cpus = Double.parseDouble(t);
                    if (!(cpus > 0) || cpus > 1024) throw new NumberFormatException();
                    yield new CgroupLimitStep(kind, typed, Math.round(cpus * Resources.CPU_PERIOD_MICROS));
                }
                case PIDS -> {
                    long n = Long.parseLong(t);
                    if (n < 1) throw new NumberFormatException();
                    yield new CgroupLimitStep(kind, typed, n);
                }
            };
        } catch (NumberFormatException e) {
            String example = switch (kind) {
                case MEMORY -> "a size such as 64m, 512k or 1g";
                case CPUS -> "a number of CPUs above 0, such as 0.5";
                case PIDS -> "a count of at least 1, such as 50";
            };
            throw new EngineException("cgroup " + kind.word + " " + typed + ": the value must be " + example);
        }
    }

    private static long bytes(String t) {
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        switch (last) {
            case 'b' -> t = t.substring(0, t.length() - 1);
            case 'k' -> { unit = 1L << 10; t = t.substring(0, t.length() - 1); }
            case 'm' -> { unit = 1L << 20; t = t.substring(0, t.length() - 1); }
            case 'g' -> { unit = 1L << 30; t = t.substring(0, t.length() - 1); }
            default -> { }
        }
        long n = Long.parseLong(t);
        // Docker's floor: below 6 MiB a container cannot even start its first process reliably.
        if (n < 1 || n * unit < 6L << 20) throw new NumberFormatException();
        return n * unit;
    }

    @Override
    public boolean inHelper() { return false; }
}
