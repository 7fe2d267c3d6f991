package jlab.kernel.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CgroupLimitsTest {

    @Test
    void weight_and_shares_convert_with_dockers_linear_map() {
        assertThat(CgroupLimits.sharesFromWeight(1)).isEqualTo(2);
        assertThat(CgroupLimits.sharesFromWeight(100)).isEqualTo(2597);
        assertThat(CgroupLimits.sharesFromWeight(10_000)).isEqualTo(262_144);
        assertThat(CgroupLimits.weightFromShares(2)).isEqualTo(1);
        assertThat(CgroupLimits.weightFromShares(1024)).isEqualTo(39);
        assertThat(CgroupLimits.weightFromShares(262_144)).isEqualTo(10_000);
        for (long weight = 1; weight <= 10_000; weight += 37) {
            assertThat(CgroupLimits.weightFromShares(CgroupLimits.sharesFromWeight(weight))).isBetween(weight - 1, weight);
        }
    }

    @Test
    void none_sets_nothing_and_withers_set_one_limit_each() {
        CgroupLimits limits = CgroupLimits.none().withMemoryBytes(32L << 20).withPidsMax(20L).withCpuQuota(50_000L, null);

        assertThat(CgroupLimits.none()).isEqualTo(new CgroupLimits(null, null, null, null, null, null));
        assertThat(limits).isEqualTo(new CgroupLimits(32L << 20, null, 50_000L, null, null, 20L));
        assertThat(limits.effectiveCpuPeriod()).isEqualTo(100_000);
    }

    @Test
    void nonsense_values_are_refused_before_they_reach_the_kernel() {
        assertThatThrownBy(() -> CgroupLimits.none().withMemoryBytes(0L)).hasMessageContaining("memoryBytes");
        assertThatThrownBy(() -> CgroupLimits.none().withPidsMax(-2L)).hasMessageContaining("pidsMax");
        assertThatThrownBy(() -> CgroupLimits.none().withCpuWeight(0L)).hasMessageContaining("1 to 10000");
        assertThatThrownBy(() -> CgroupLimits.none().withCpuQuota(null, 100_000L)).hasMessageContaining("cpuQuotaMicros");
        assertThat(CgroupLimits.none().withSwapBytes(0L).swapBytes()).isZero();
        assertThat(CgroupLimits.none().withMemoryBytes(CgroupLimits.UNLIMITED).memoryBytes()).isEqualTo(-1);
    }
}
