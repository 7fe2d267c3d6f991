package jlab.kernel.cgroup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jlab.kernel.KernelException;

/** A cgroup v2 cgroup: one directory, every controller's files in it. */
final class CgroupV2 implements Cgroup {
    private static final Duration FREEZE_TIMEOUT = Duration.ofSeconds(10);

    private final String path;
    private final Path dir;
    private final Map<String, String> written = new LinkedHashMap<>();

    CgroupV2(String path, Path dir) {
        this.path = path;
        this.dir = dir;
    }

    @Override public String path() { return path; }

    @Override public List<Path> directories() { return List.of(dir); }

    @Override
    public void addProcess(long pid) {
        CgroupFiles.write(dir.resolve("cgroup.procs"), Long.toString(pid));
    }

    @Override
    public List<Long> processes() {
        return Files.isDirectory(dir) ? CgroupFiles.readPids(dir.resolve("cgroup.procs")) : List.of();
    }

    @Override
    public void setLimits(CgroupLimits limits) {
        for (LimitWrite w : V2LimitWrites.of(limits)) {
            Path file = dir.resolve(w.file());
            if (w.skipIfAbsent() && !Files.exists(file)) {
                continue;
            }
            CgroupFiles.write(file, w.value());
            written.put(w.file(), w.value());
        }
    }

    @Override public Map<String, String> limitFiles() { return Collections.unmodifiableMap(written); }

    /** Every limit file {@link V2LimitWrites} may write. */
    static final List<String> LIMIT_FILES = List.of("memory.max", "memory.swap.max", "cpu.max", "cpu.weight", "pids.max");

    @Override
    public Map<String, String> limitValues() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : LIMIT_FILES) {
            Path p = dir.resolve(f);
            if (Files.exists(p)) values.put(f, CgroupFiles.read(p));
        }
        return values;
    }

    @Override
    public boolean frozen() {
        return keyed("cgroup.events", "frozen") == 1;
    }

    @Override
    public CgroupStats stats() {
        return new CgroupStats(
                longOrZero("memory.current"),
                Files.exists(dir.resolve("memory.peak")) ? CgroupFiles.readLong(dir.resolve("memory.peak")) : null,
                keyed("memory.events", "oom_kill"),
                keyed("cpu.stat", "usage_usec") * 1000,
                longOrZero("pids.current"),
                limit("memory.max"),
                limit("pids.max"));
    }

    /**
     * cgroup.freeze (Linux 5.2+): the kernel stops each task at its next return to
     * user space, so freezing takes a moment; cgroup.events says "frozen 1" once
     * every task is stopped. Frozen tasks still die of SIGKILL on v2.
     */
    @Override
    public void freeze() {
        setFrozen(true);
    }

    @Override
    public void thaw() {
        setFrozen(false);
    }

    private void setFrozen(boolean frozen) {
        CgroupFiles.write(dir.resolve("cgroup.freeze"), frozen ? "1" : "0");
        long want = frozen ? 1 : 0;
        if (!Poll.until(FREEZE_TIMEOUT, Duration.ofMillis(5), () -> keyed("cgroup.events", "frozen") == want)) {
            throw KernelException.of(frozen ? "freeze" : "thaw", path,
                    "cgroup.events still says frozen " + (1 - want) + " after " + FREEZE_TIMEOUT.toSeconds() + " s");
        }
    }

    /**
     * cgroup.kill (Linux 5.14+) SIGKILLs every process in the cgroup and its
     * descendants in one write, with no race against fork. Older kernels: we
     * kill pid by pid until cgroup.procs stays empty.
     */
    @Override
    public void killAll() {
        Path kill = dir.resolve("cgroup.kill");
        if (Files.exists(kill)) {
            CgroupFiles.write(kill, "1");
            Teardown.awaitEmpty(path, this::processes);
        } else {
            Teardown.killUntilEmpty(path, this::processes);
        }
    }

    @Override
    public void delete() {
        Teardown.rmdir(dir, this::processes);
    }

    private long longOrZero(String file) {
        Path p = dir.resolve(file);
        return Files.exists(p) ? CgroupFiles.readLong(p) : 0;
    }

    private long keyed(String file, String key) {
        Path p = dir.resolve(file);
        return Files.exists(p) ? CgroupFiles.readKeyed(p).getOrDefault(key, 0L) : 0;
    }

    private Long limit(String file) {
        Path p = dir.resolve(file);
        return Files.exists(p) ? CgroupFiles.readLimit(p) : null;
    }

    @Override
    public String toString() {
        return "cgroup v2 " + dir;
    }
}
