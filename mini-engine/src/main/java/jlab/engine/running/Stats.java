package jlab.engine.running;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jlab.kernel.cgroup.CgroupStats;

/**
 * {@code jlab stats}: what the kernel counts for each container's cgroup.
 * Memory and pids are read as they are now; CPU is a rate, so it takes two
 * reads of the cgroup's CPU time ({@code cpu.stat} usage_usec on v2,
 * {@code cpuacct.usage} on v1) and divides their difference by the time in
 * between: 100% is one CPU busy all the time (two: 200%), as Docker counts.
 */
public final class Stats {
    /**
     * One container's figures.
     *
     * @param memoryLimit its memory limit, or the host's memory when it has none (as Docker shows)
     * @param cpuPercent  of one CPU, over the interval
     */
    public record Sample(String id, String name, double cpuPercent, long memoryUsage, long memoryLimit,
                         boolean memoryLimited, double memoryPercent, long pids) {}

    private final Path meminfo;

    public Stats() { this(Path.of("/proc/meminfo")); }

    Stats(Path meminfo) { this.meminfo = meminfo; }

    /** Reads every container, waits {@code intervalMillis}, reads again. Containers that stopped meanwhile are left out. */
    public List<Sample> sample(List<LiveContainer> containers, long intervalMillis) throws InterruptedException {
        Map<LiveContainer, CgroupStats> first = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        for (LiveContainer c : containers) {
            if (c.running() && c.cgroup() != null) first.put(c, c.cgroup().stats());
        }
        Thread.sleep(intervalMillis);
        long elapsed = System.nanoTime() - t0;
        long hostMemory = hostMemoryBytes();
        List<Sample> samples = new ArrayList<>();
        for (var e : first.entrySet()) {
            LiveContainer c = e.getKey();
            if (!c.running()) continue;
            CgroupStats now = c.cgroup().stats();
            double cpu = 100.0 * (now.cpuUsageNanos() - e.getValue().cpuUsageNanos()) / elapsed;
            long limit = now.memoryLimit() != null ? Math.min(now.memoryLimit(), hostMemory) : hostMemory;
            samples.add(new Sample(c.record().id(), c.record().name(), Math.max(0, cpu), now.memoryCurrent(), limit,
                    now.memoryLimit() != null, 100.0 * now.memoryCurrent() / limit, now.pidsCurrent()));
        }
        return samples;
    }

    /** MemTotal from /proc/meminfo, in bytes. */
    long hostMemoryBytes() {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + meminfo + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException(meminfo + " has no MemTotal line");
    }
}
