package jlab.kernel.cgroup;

/**
 * The limits jlab can put on a cgroup. Each is either null (leave the kernel's
 * value alone), {@link #UNLIMITED} (write "max"), or a value.
 *
 * @param memoryBytes     RAM the cgroup may use (page cache included); beyond it the
 *                        kernel reclaims, then the OOM killer kills a process inside
 * @param swapBytes       swap it may use on top of memory (swap only, as v2's
 *                        {@code memory.swap.max}; v1 gets memory + swap); needs memoryBytes on v1
 * @param cpuQuotaMicros  CPU time allowed per period, e.g. 50000 of 100000 = half a CPU
 * @param cpuPeriodMicros the period of that quota; null means the kernel's default
 *                        ({@value #DEFAULT_CPU_PERIOD_MICROS}); only with a quota
 * @param cpuWeight       share of CPU under contention, v2 scale 1..10000 (default 100);
 *                        v1 gets {@code cpu.shares} from {@link #sharesFromWeight}
 * @param pidsMax         how many tasks (processes and threads) may exist in it
 */
public record CgroupLimits(Long memoryBytes, Long swapBytes, Long cpuQuotaMicros, Long cpuPeriodMicros,
                           Long cpuWeight, Long pidsMax) {

    /** "No limit", written as {@code max} (v2) or {@code -1} (v1). */
    public static final long UNLIMITED = -1;
    /** The kernel's CFS period when none is given: 100 ms. */
    public static final long DEFAULT_CPU_PERIOD_MICROS = 100_000;

    public CgroupLimits {
        requireValueOrUnlimited("memoryBytes", memoryBytes, 1);
        requireValueOrUnlimited("swapBytes", swapBytes, 0);
        requireValueOrUnlimited("cpuQuotaMicros", cpuQuotaMicros, 1);
        requireValueOrUnlimited("pidsMax", pidsMax, 0);
        if (cpuPeriodMicros != null && (cpuPeriodMicros < 1 || cpuQuotaMicros == null)) {
            throw new IllegalArgumentException("cpuPeriodMicros must be positive and comes with a cpuQuotaMicros");
        }
        if (cpuWeight != null && (cpuWeight < 1 || cpuWeight > 10_000)) {
            throw new IllegalArgumentException("cpuWeight goes from 1 to 10000 (100 is the default), not " + cpuWeight);
        }
    }

    /** No limit set: creating with these only makes the cgroup (for accounting, freezing, killing). */
    public static CgroupLimits none() {
        return new CgroupLimits(null, null, null, null, null, null);
    }

    public CgroupLimits withMemoryBytes(Long bytes) {
        return new CgroupLimits(bytes, swapBytes, cpuQuotaMicros, cpuPeriodMicros, cpuWeight, pidsMax);
    }

    public CgroupLimits withSwapBytes(Long bytes) {
        return new CgroupLimits(memoryBytes, bytes, cpuQuotaMicros, cpuPeriodMicros, cpuWeight, pidsMax);
    }

    /** A CPU quota; {@code periodMicros} may be null for the default period. */
    public CgroupLimits withCpuQuota(Long quotaMicros, Long periodMicros) {
        return new CgroupLimits(memoryBytes, swapBytes, quotaMicros, periodMicros, cpuWeight, pidsMax);
    }

    public CgroupLimits withCpuWeight(Long weight) {
        return new CgroupLimits(memoryBytes, swapBytes, cpuQuotaMicros, cpuPeriodMicros, weight, pidsMax);
    }

    public CgroupLimits withPidsMax(Long max) {
        return new CgroupLimits(memoryBytes, swapBytes, cpuQuotaMicros, cpuPeriodMicros, cpuWeight, max);
    }

    /** The quota's period: the one given, or the kernel's default. */
    long effectiveCpuPeriod() {
        return cpuPeriodMicros != null ? cpuPeriodMicros : DEFAULT_CPU_PERIOD_MICROS;
    }

    /**
     * v2 {@code cpu.weight} (1..10000) to v1 {@code cpu.shares} (2..262144), the
     * linear map runc and Docker use: 1 -> 2, 100 -> 2597, 10000 -> 262144.
     * (The kernel's own idea of "default" differs: 100 on v2 but 1024 shares on
     * v1, so the default weight does not land on the default shares.)
     */
    public static long sharesFromWeight(long weight) {
        long w = Math.max(1, Math.min(10_000, weight));
        return 2 + ((w - 1) * 262_142) / 9_999;
    }

    /** v1 {@code cpu.shares} to v2 {@code cpu.weight}, Docker's formula: 2 -> 1, 1024 -> 39, 262144 -> 10000. */
    public static long weightFromShares(long shares) {
        long s = Math.max(2, Math.min(262_144, shares));
        return 1 + ((s - 2) * 9_999) / 262_142;
    }

    private static void requireValueOrUnlimited(String name, Long value, long min) {
        if (value != null && value != UNLIMITED && value < min) {
            throw new IllegalArgumentException(name + " must be null, -1 (unlimited) or at least " + min + ", not " + value);
        }
    }
}
