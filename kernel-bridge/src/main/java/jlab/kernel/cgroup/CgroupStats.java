package jlab.kernel.cgroup;

/**
 * What the kernel counts for a cgroup.
 *
 * @param memoryCurrent bytes charged now: process memory plus page cache
 *                      (v2 {@code memory.current}, v1 {@code memory.usage_in_bytes})
 * @param memoryPeak    the highest {@code memoryCurrent} so far, or null when the
 *                      kernel does not say (v2 {@code memory.peak} needs Linux 5.19;
 *                      v1 {@code memory.max_usage_in_bytes})
 * @param oomKills      processes of this cgroup the OOM killer killed: almost always
 *                      because the cgroup hit its memory limit, though a host-wide
 *                      OOM counts too (v2 {@code memory.events} oom_kill, which also
 *                      counts descendants; v1 {@code memory.oom_control} oom_kill,
 *                      Linux 4.13+, 0 when absent)
 * @param cpuUsageNanos CPU time used by all its processes
 *                      (v2 {@code cpu.stat} usage_usec × 1000, v1 {@code cpuacct.usage})
 * @param pidsCurrent   tasks (processes and threads) now in the cgroup ({@code pids.current})
 * @param memoryLimit   the memory limit in bytes, or null when unlimited
 * @param pidsLimit     the task limit, or null when unlimited
 */
public record CgroupStats(long memoryCurrent, Long memoryPeak, long oomKills, long cpuUsageNanos,
                          long pidsCurrent, Long memoryLimit, Long pidsLimit) {
}
