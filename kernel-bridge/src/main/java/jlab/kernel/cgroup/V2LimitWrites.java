package jlab.kernel.cgroup;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link CgroupLimits} as cgroup v2 files. v2 spells "no limit" {@code max}.
 * <pre>
 * memory.max       33554432          RAM; beyond it: reclaim, then the OOM killer
 * memory.swap.max  16777216          swap, counted apart from RAM
 * cpu.max          50000 100000      quota and period, µs: half a CPU
 * cpu.weight       100               share under contention, 1..10000
 * pids.max         20                tasks (fork() fails with EAGAIN beyond it)
 * </pre>
 */
final class V2LimitWrites {
    private V2LimitWrites() {}

    static List<LimitWrite> of(CgroupLimits limits) {
        List<LimitWrite> writes = new ArrayList<>();
        if (limits.memoryBytes() != null) {
            writes.add(LimitWrite.of("memory", "memory.max", maxOr(limits.memoryBytes())));
        }
        if (limits.swapBytes() != null) {
            // Absent when the kernel does not account swap (CONFIG_MEMCG_SWAP off,
            // swapaccount=0): there is then nothing to limit.
            writes.add(LimitWrite.ifPresent("memory", "memory.swap.max", maxOr(limits.swapBytes())));
        }
        if (limits.cpuQuotaMicros() != null) {
            // One file, two numbers: the period is written with the quota so cpu.max
            // reads back exactly what it says.
            writes.add(LimitWrite.of("cpu", "cpu.max",
                    maxOr(limits.cpuQuotaMicros()) + " " + limits.effectiveCpuPeriod()));
        }
        if (limits.cpuWeight() != null) {
            writes.add(LimitWrite.of("cpu", "cpu.weight", Long.toString(limits.cpuWeight())));
        }
        if (limits.pidsMax() != null) {
            writes.add(LimitWrite.of("pids", "pids.max", maxOr(limits.pidsMax())));
        }
        return writes;
    }

    static String maxOr(long value) {
        return value == CgroupLimits.UNLIMITED ? "max" : Long.toString(value);
    }
}
