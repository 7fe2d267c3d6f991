package jlab.engine;

/**
 * Resource limits with Docker's meanings. Null means "not set".
 *
 * @param memoryBytes     {@code --memory}: hard limit of RAM
 * @param memorySwapBytes {@code --memory-swap}: RAM <em>plus</em> swap; -1 unlimited swap;
 *                        unset with --memory set: as much swap as RAM (Docker's default)
 * @param cpus            {@code --cpus}: CPU time, in CPUs (0.5 = half of one CPU)
 * @param cpuShares       {@code --cpu-shares}: relative weight under contention (default 1024)
 * @param pidsLimit       {@code --pids-limit}: how many processes at once; -1 unlimited
 */
public record Resources(Long memoryBytes, Long memorySwapBytes, Double cpus, Long cpuShares, Long pidsLimit) {
    public static final Resources NONE = new Resources(null, null, null, null, null);

    /** The CFS period Docker uses with --cpus: 100 ms. */
    public static final long CPU_PERIOD_MICROS = 100_000;

    public Resources {
        if (memoryBytes != null && memoryBytes < 6 * 1024 * 1024) {
            throw new EngineException("--memory must be at least 6m (the kernel needs room for the process itself)");
        }
        if (memorySwapBytes != null && memorySwapBytes != -1) {
            if (memoryBytes == null) {
                throw new EngineException("--memory-swap needs --memory too: it is the total of memory and swap");
            }
            if (memorySwapBytes < memoryBytes) {
                throw new EngineException("--memory-swap must be at least --memory (it counts memory plus swap), or -1");
            }
        }
        if (cpus != null && cpus <= 0) {
            throw new EngineException("--cpus must be more than 0, e.g. 0.5 for half a CPU");
        }
        if (cpus != null && cpus > Runtime.getRuntime().availableProcessors()) {
            throw new EngineException("--cpus " + cpus + " is more than this host's "
                    + Runtime.getRuntime().availableProcessors() + " CPUs");
        }
        if (cpus != null && Math.round(cpus * CPU_PERIOD_MICROS) < 1000) {
            throw new EngineException("--cpus must be at least 0.01: the kernel's smallest quota is 1 ms per 100 ms");
        }
        if (cpuShares != null && (cpuShares < 2 || cpuShares > 262144)) {
            throw new EngineException("--cpu-shares must be between 2 and 262144 (default 1024)");
        }
        if (pidsLimit != null && pidsLimit == 0) {
            throw new EngineException("--pids-limit must be positive, or -1 for unlimited");
        }
    }

    /** Swap alone, as cgroup v2's memory.swap.max counts it; null to leave it unset. */
    public Long swapOnlyBytes() {
        if (memoryBytes == null) return null;
        if (memorySwapBytes == null) return memoryBytes; // Docker: as much swap as memory
        if (memorySwapBytes == -1) return -1L;
        return memorySwapBytes - memoryBytes;
    }

    /** --cpus as a CFS quota per {@link #CPU_PERIOD_MICROS}; null to leave it unset. */
    public Long cpuQuotaMicros() {
        return cpus == null ? null : Math.round(cpus * CPU_PERIOD_MICROS);
    }

    public boolean any() {
        return memoryBytes != null || memorySwapBytes != null || cpus != null || cpuShares != null || pidsLimit != null;
    }
}
