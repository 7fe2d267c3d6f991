package jlab.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Docker's limit flags: what is refused (with a sentence the user can act on) and what the cgroup gets. */
class ResourcesTest {
    private static final long MIB = 1024 * 1024;

    private static Resources memory(Long memory, Long swap) { return new Resources(memory, swap, null, null, null); }

    private static void assertRefused(Runnable make, String message) {
        assertThatThrownBy(make::run)
                .isInstanceOf(EngineException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((EngineException) e).exitCode()).isEqualTo(125));
    }

    @Test
    void memory_below_6m_is_refused_and_6m_is_accepted() {
        assertRefused(() -> memory(6 * MIB - 1, null), "--memory must be at least 6m");
        assertThat(memory(6 * MIB, null).memoryBytes()).isEqualTo(6 * MIB);
    }

    @Test
    void memory_swap_without_memory_is_refused() {
        assertRefused(() -> memory(null, 64 * MIB), "--memory-swap needs --memory too");
    }

    @Test
    void memory_swap_below_memory_is_refused_because_it_counts_memory_plus_swap() {
        assertRefused(() -> memory(64 * MIB, 32 * MIB), "--memory-swap must be at least --memory");
        assertThat(memory(64 * MIB, 64 * MIB).memorySwapBytes()).isEqualTo(64 * MIB);
    }

    @Test
    void cpus_of_zero_or_less_are_refused() {
        assertRefused(() -> new Resources(null, null, 0.0, null, null), "--cpus must be more than 0");
        assertRefused(() -> new Resources(null, null, -1.0, null, null), "--cpus must be more than 0");
        assertThat(new Resources(null, null, 0.01, null, null).cpus()).isEqualTo(0.01);
    }

    @Test
    void cpu_shares_outside_2_to_262144_are_refused() {
        assertRefused(() -> new Resources(null, null, null, 1L, null), "--cpu-shares must be between 2 and 262144");
        assertRefused(() -> new Resources(null, null, null, 262_145L, null), "--cpu-shares must be between 2 and 262144");
        assertThat(new Resources(null, null, null, 2L, null).cpuShares()).isEqualTo(2);
        assertThat(new Resources(null, null, null, 262_144L, null).cpuShares()).isEqualTo(262_144);
    }

    @Test
    void a_pids_limit_of_zero_is_refused_and_minus_one_means_unlimited() {
        assertRefused(() -> new Resources(null, null, null, null, 0L), "--pids-limit must be positive, or -1");
        assertThat(new Resources(null, null, null, null, -1L).pidsLimit()).isEqualTo(-1);
        assertThat(new Resources(null, null, null, null, 1L).pidsLimit()).isEqualTo(1);
    }

    @Test
    void unset_swap_with_memory_gets_as_much_swap_as_memory_like_docker() {
        assertThat(memory(64 * MIB, null).swapOnlyBytes()).isEqualTo(64 * MIB);
    }

    @Test
    void swap_minus_one_stays_unlimited() {
        assertThat(memory(64 * MIB, -1L).swapOnlyBytes()).isEqualTo(-1);
    }

    @Test
    void swap_alone_is_the_total_minus_memory() {
        assertThat(memory(64 * MIB, 100 * MIB).swapOnlyBytes()).isEqualTo(36 * MIB);
        assertThat(memory(64 * MIB, 64 * MIB).swapOnlyBytes()).isZero();
    }

    @Test
    void without_memory_swap_is_left_unset() {
        assertThat(Resources.NONE.swapOnlyBytes()).isNull();
    }

    @Test
    void cpus_become_a_quota_per_100ms_period() {
        assertThat(new Resources(null, null, 0.5, null, null).cpuQuotaMicros()).isEqualTo(50_000);
        assertThat(new Resources(null, null, 1.5, null, null).cpuQuotaMicros()).isEqualTo(150_000);
        assertThat(Resources.NONE.cpuQuotaMicros()).isNull();
    }

    @Test
    void none_sets_nothing_and_any_single_limit_counts() {
        assertThat(Resources.NONE.any()).isFalse();
        assertThat(new Resources(null, null, null, null, 10L).any()).isTrue();
    }
}
