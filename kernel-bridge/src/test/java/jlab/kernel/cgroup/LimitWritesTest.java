package jlab.kernel.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import jlab.kernel.KernelException;

/** Which file gets which value, in which order, on each version. */
class LimitWritesTest {
    static final long MIB = 1 << 20;
    /** What a fresh v1 memory.memsw.limit_in_bytes reads: "no limit". */
    static final long V1_UNLIMITED = 9_223_372_036_854_771_712L;

    static final CgroupLimits LIMITS = new CgroupLimits(32 * MIB, 16 * MIB, 50_000L, 100_000L, 50L, 20L);

    @Test
    void v2_spells_each_limit_in_its_own_file() {
        assertThat(v2(V2LimitWrites.of(LIMITS))).containsExactly(
                "memory.max=33554432", "memory.swap.max=16777216", "cpu.max=50000 100000", "cpu.weight=50", "pids.max=20");
    }

    @Test
    void v2_writes_max_for_unlimited_and_the_default_period_with_a_quota() {
        CgroupLimits limits = new CgroupLimits(-1L, -1L, -1L, null, null, -1L);

        assertThat(v2(V2LimitWrites.of(limits))).containsExactly(
                "memory.max=max", "memory.swap.max=max", "cpu.max=max 100000", "pids.max=max");
        assertThat(v2(V2LimitWrites.of(CgroupLimits.none().withCpuQuota(25_000L, 50_000L))))
                .containsExactly("cpu.max=25000 50000");
    }

    @Test
    void v2_skips_swap_quietly_when_the_kernel_does_not_account_it() {
        assertThat(V2LimitWrites.of(LIMITS).get(1).skipIfAbsent()).isTrue();
        assertThat(V2LimitWrites.of(LIMITS).get(0).skipIfAbsent()).isFalse();
    }

    @Test
    void nothing_is_written_for_no_limits() {
        assertThat(V2LimitWrites.of(CgroupLimits.none())).isEmpty();
        assertThat(V1LimitWrites.of(CgroupLimits.none(), V1_UNLIMITED)).isEmpty();
    }

    @Test
    void v1_limits_memory_plus_swap_after_memory_and_the_period_before_its_quota() {
        assertThat(v1(V1LimitWrites.of(LIMITS, V1_UNLIMITED))).containsExactly(
                "memory/memory.limit_in_bytes=33554432",
                "memory/memory.memsw.limit_in_bytes=50331648",
                "cpu/cpu.cfs_period_us=100000",
                "cpu/cpu.cfs_quota_us=50000",
                "cpu/cpu.shares=1286",
                "pids/pids.max=20");
    }

    @Test
    void v1_raises_memsw_first_when_memory_grows_past_it() {
        CgroupLimits bigger = CgroupLimits.none().withMemoryBytes(64 * MIB).withSwapBytes(16 * MIB);

        assertThat(v1(V1LimitWrites.of(bigger, 48 * MIB))).containsExactly(
                "memory/memory.memsw.limit_in_bytes=83886080", "memory/memory.limit_in_bytes=67108864");
        assertThat(v1(V1LimitWrites.of(bigger, 128 * MIB))).containsExactly(
                "memory/memory.limit_in_bytes=67108864", "memory/memory.memsw.limit_in_bytes=83886080");
    }

    @Test
    void v1_writes_minus_one_for_unlimited() {
        CgroupLimits limits = new CgroupLimits(-1L, 16 * MIB, -1L, null, null, -1L);

        assertThat(v1(V1LimitWrites.of(limits, V1_UNLIMITED))).containsExactly(
                "memory/memory.memsw.limit_in_bytes=-1", "memory/memory.limit_in_bytes=-1",
                "cpu/cpu.cfs_period_us=100000", "cpu/cpu.cfs_quota_us=-1", "pids/pids.max=max");
    }

    @Test
    void v1_without_swap_accounting_limits_memory_only() {
        assertThat(v1(V1LimitWrites.of(CgroupLimits.none().withMemoryBytes(32 * MIB).withSwapBytes(0L), null)))
                .containsExactly("memory/memory.limit_in_bytes=33554432");
    }

    @Test
    void v1_refuses_swap_without_memory_because_memsw_counts_both() {
        assertThatThrownBy(() -> V1LimitWrites.of(CgroupLimits.none().withSwapBytes(MIB), V1_UNLIMITED))
                .isInstanceOf(KernelException.class).hasMessageContaining("memory + swap");
    }

    /** v2: {@code file=value}, as {@link CgroupV2#limitFiles} keys them. */
    private static List<String> v2(List<LimitWrite> writes) {
        return writes.stream().map(w -> w.file() + "=" + w.value()).toList();
    }

    /** v1: {@code controller/file=value}, as {@link CgroupV1#limitFiles} keys them. */
    private static List<String> v1(List<LimitWrite> writes) {
        return writes.stream().map(w -> w.controller() + "/" + w.file() + "=" + w.value()).toList();
    }
}
