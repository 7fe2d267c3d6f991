package jlab.kernel.cgroup;

import java.util.ArrayList;
import java.util.List;

import jlab.kernel.KernelException;

/**
 * {@link CgroupLimits} as cgroup v1 files, each in its controller's tree. v1
 * spells "no limit" {@code -1}.
 * <pre>
 * memory/memory.limit_in_bytes        33554432   RAM
 * memory/memory.memsw.limit_in_bytes  50331648   RAM + swap (not swap alone!)
 * cpu/cpu.cfs_period_us               100000     written before its quota
 * cpu/cpu.cfs_quota_us                50000      -1 = no quota
 * cpu/cpu.shares                      2597       from the v2 weight
 * pids/pids.max                       20         max = no limit
 * </pre>
 */
final class V1LimitWrites {
    static final String MEMORY = "memory.limit_in_bytes";
    static final String MEMSW = "memory.memsw.limit_in_bytes";

    private V1LimitWrites() {}

    /**
     * @param currentMemsw what memory.memsw.limit_in_bytes holds now, or null when
     *                     the file is absent (swap accounting off: swap is then not limited)
     */
    static List<LimitWrite> of(CgroupLimits limits, Long currentMemsw) {
        List<LimitWrite> writes = new ArrayList<>(memory(limits, currentMemsw));
        if (limits.cpuQuotaMicros() != null) {
            writes.add(LimitWrite.of("cpu", "cpu.cfs_period_us", Long.toString(limits.effectiveCpuPeriod())));
            writes.add(LimitWrite.of("cpu", "cpu.cfs_quota_us", Long.toString(limits.cpuQuotaMicros())));
        }
        if (limits.cpuWeight() != null) {
            writes.add(LimitWrite.of("cpu", "cpu.shares", Long.toString(CgroupLimits.sharesFromWeight(limits.cpuWeight()))));
        }
        if (limits.pidsMax() != null) {
            writes.add(LimitWrite.of("pids", "pids.max", V2LimitWrites.maxOr(limits.pidsMax())));
        }
        return writes;
    }

    private static List<LimitWrite> memory(CgroupLimits limits, Long currentMemsw) {
        Long memory = limits.memoryBytes();
        Long swap = limits.swapBytes();
        if (memory == null) {
            if (swap != null) {
                throw KernelException.of("set swap limit", "swap=" + swap, "on cgroup v1 swap is limited as memory + swap"
                        + " (memory.memsw.limit_in_bytes): give a memory limit with the swap limit");
            }
            return List.of();
        }
        LimitWrite ram = LimitWrite.of("memory", MEMORY, Long.toString(memory));
        if (swap == null || currentMemsw == null) {
            return List.of(ram);
        }
        boolean unlimited = memory == CgroupLimits.UNLIMITED || swap == CgroupLimits.UNLIMITED;
        LimitWrite ramAndSwap = LimitWrite.of("memory", MEMSW, unlimited ? "-1" : Long.toString(memory + swap));
        // The kernel keeps memory.limit_in_bytes <= memory.memsw.limit_in_bytes at
        // every moment and refuses (EINVAL) a write that would break it. On a fresh
        // cgroup memsw is unlimited, so memory goes first and memsw after it. When a
        // running cgroup's memory rises above its current memsw, memsw must rise first.
        long newMemory = memory == CgroupLimits.UNLIMITED ? Long.MAX_VALUE : memory;
        return newMemory > currentMemsw ? List.of(ramAndSwap, ram) : List.of(ram, ramAndSwap);
    }
}
