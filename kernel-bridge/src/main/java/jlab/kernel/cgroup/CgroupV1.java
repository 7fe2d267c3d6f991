package jlab.kernel.cgroup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jlab.kernel.KernelException;

/** A cgroup v1 cgroup: one directory per controller tree. */
final class CgroupV1 implements Cgroup {
    /** v1 reads "no limit" as the largest page-aligned long (9223372036854771712 with 4 KiB pages). */
    private static final long UNLIMITED_FLOOR = Long.MAX_VALUE / 2;

    private final String path;
    private final Map<String, Path> dirs;
    private final Map<String, String> written = new LinkedHashMap<>();
    private final V1Freezer freezer;

    /** @param dirs controller -> directory; co-mounted controllers map to the same directory */
    CgroupV1(String path, Map<String, Path> dirs) {
        this.path = path;
        this.dirs = new LinkedHashMap<>(dirs);
        this.freezer = new V1Freezer(path, dirs.get("freezer"));
    }

    @Override public String path() { return path; }

    @Override public List<Path> directories() { return dirs.values().stream().distinct().toList(); }

    @Override
    public void addProcess(long pid) {
        for (Path dir : directories()) {
            CgroupFiles.write(dir.resolve("cgroup.procs"), Long.toString(pid));
        }
    }

    @Override
    public List<Long> processes() {
        TreeSet<Long> pids = new TreeSet<>();
        for (Path dir : directories()) {
            if (Files.isDirectory(dir)) {
                pids.addAll(CgroupFiles.readPids(dir.resolve("cgroup.procs")));
            }
        }
        return List.copyOf(pids);
    }

    @Override
    public void setLimits(CgroupLimits limits) {
        Path memsw = file("memory", V1LimitWrites.MEMSW);
        Long currentMemsw = limits.swapBytes() != null && memsw != null && Files.exists(memsw)
                ? CgroupFiles.readLong(memsw) : null;
        for (LimitWrite w : V1LimitWrites.of(limits, currentMemsw)) {
            Path file = file(w.controller(), w.file());
            if (file == null) {
                throw KernelException.of("write", w.controller() + "/" + w.file() + ", \"" + w.value() + "\"",
                        "the " + w.controller() + " controller is not mounted on this host: mount it, or leave this limit unset");
            }
            CgroupFiles.write(file, w.value());
            written.put(w.controller() + "/" + w.file(), w.value());
        }
    }

    @Override public Map<String, String> limitFiles() { return Collections.unmodifiableMap(written); }

    /** Every limit file {@link V1LimitWrites} may write, as controller/file. */
    static final List<String> LIMIT_FILES = List.of("memory/" + V1LimitWrites.MEMORY, "memory/" + V1LimitWrites.MEMSW,
            "cpu/cpu.cfs_period_us", "cpu/cpu.cfs_quota_us", "cpu/cpu.shares", "pids/pids.max");

    @Override
    public Map<String, String> limitValues() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : LIMIT_FILES) {
            int slash = name.indexOf('/');
            Path p = file(name.substring(0, slash), name.substring(slash + 1));
            if (p != null && Files.exists(p)) values.put(name, CgroupFiles.read(p));
        }
        return values;
    }

    @Override
    public boolean frozen() { return freezer.frozen(); }

    @Override
    public CgroupStats stats() {
        Path peak = file("memory", "memory.max_usage_in_bytes");
        Path oomControl = file("memory", "memory.oom_control");
        Long memoryLimit = longOrNull("memory", "memory.limit_in_bytes");
        Path pidsMax = file("pids", "pids.max");
        return new CgroupStats(
                orZero(longOrNull("memory", "memory.usage_in_bytes")),
                peak != null && Files.exists(peak) ? CgroupFiles.readLong(peak) : null,
                // "oom_kill N" joined memory.oom_control in Linux 4.13
                oomControl != null && Files.exists(oomControl) ? CgroupFiles.readKeyed(oomControl).getOrDefault("oom_kill", 0L) : 0,
                orZero(longOrNull("cpuacct", "cpuacct.usage")),
                orZero(longOrNull("pids", "pids.current")),
                memoryLimit == null || memoryLimit > UNLIMITED_FLOOR ? null : memoryLimit,
                pidsMax != null && Files.exists(pidsMax) ? CgroupFiles.readLimit(pidsMax) : null);
    }

    @Override public void freeze() { freezer.freeze(); }

    @Override public void thaw() { freezer.thaw(); }

    /**
     * v1 has no cgroup.kill. We freeze first so nothing can fork while we read
     * cgroup.procs and kill; the SIGKILLs wait in the frozen tasks (a v1-frozen
     * task does not even die) and land all at once when we thaw.
     */
    @Override
    public void killAll() {
        boolean frozen = freezer.tryFreeze();
        try {
            Teardown.sigkill(processes());
        } finally {
            if (frozen) {
                freezer.thaw();
            }
        }
        Teardown.killUntilEmpty(path, this::processes);
    }

    @Override
    public void delete() {
        for (Path dir : directories()) {
            Teardown.rmdir(dir, this::processes);
        }
    }

    /** The file in the controller's directory, or null when that controller is not mounted. */
    private Path file(String controller, String name) {
        Path dir = dirs.get(controller);
        return dir == null ? null : dir.resolve(name);
    }

    private Long longOrNull(String controller, String name) {
        Path p = file(controller, name);
        return p != null && Files.exists(p) ? CgroupFiles.readLong(p) : null;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    @Override
    public String toString() {
        return "cgroup v1 " + directories();
    }
}
