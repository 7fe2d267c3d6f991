package jlab.kernel.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Each limit, biting a real process. */
class CgroupLimitsKernelTest extends RealCgroupTest {
    /**
     * A memory hog that needs nothing but coreutils: tail keeps its whole input
     * in memory while waiting for a newline that /dev/zero never sends.
     */
    static final String HOG_100_MB = "head -c 100000000 /dev/zero | tail > /dev/null";

    @Test
    void memory_limit_kills_a_hog_and_counts_the_oom_kill() throws Exception {
        // swap 0: with swap the hog would be pushed out to disk instead of killed
        Cgroup cgroup = driver.create(path, CgroupLimits.none().withMemoryBytes(32 * MIB).withSwapBytes(0L));

        GatedShell hog = runInside(cgroup, HOG_100_MB);

        assertThat(hog.awaitExit(Duration.ofSeconds(120))).as("exit status: 128 + SIGKILL").isEqualTo(137);
        CgroupStats stats = cgroup.stats();
        assertThat(stats.oomKills()).isGreaterThanOrEqualTo(1);
        if (stats.memoryPeak() != null) {
            assertThat(stats.memoryPeak()).isLessThanOrEqualTo(32 * MIB);
        }
    }

    @Test
    void pids_max_stops_a_shell_from_forking_past_the_limit() throws Exception {
        Cgroup cgroup = driver.create(path, CgroupLimits.none().withPidsMax(5L));

        GatedShell shell = runInside(cgroup, "for i in 1 2 3 4 5 6 7 8 9 10; do sleep 30 & done; echo all started");

        assertThat(shell.awaitExit(Duration.ofSeconds(120))).isNotZero();
        assertThat(shell.stderr()).containsIgnoringCase("fork");
        assertThat(shell.stdout()).doesNotContain("all started");
        // the shell and four sleeps fit in 5; the sixth fork() got EAGAIN
        assertThat(cgroup.processes()).hasSize(4);
        assertThat(cgroup.stats().pidsCurrent()).isEqualTo(4);
    }

    @Test
    void cpu_quota_holds_a_busy_loop_to_its_share() throws Exception {
        Cgroup cgroup = driver.create(path, CgroupLimits.none().withCpuQuota(10_000L, 100_000L));

        runInside(cgroup, "while :; do :; done");
        long start = System.nanoTime();
        Thread.sleep(2_000);
        long used = cgroup.stats().cpuUsageNanos();
        long wall = System.nanoTime() - start;

        // 10 ms per 100 ms: a tenth of one CPU; unlimited, the loop would take a whole one
        assertThat(used).isPositive().isLessThan(wall / 4);
    }

    @Test
    void stats_count_the_memory_cpu_and_tasks_of_the_processes_inside() throws Exception {
        Cgroup cgroup = driver.create(path, CgroupLimits.none().withMemoryBytes(64 * MIB).withPidsMax(20L));

        GatedShell shell = runInside(cgroup, "head -c 10000000 /dev/zero | tail > /dev/null; echo done; exec sleep 30");
        assertThat(eventually(Duration.ofSeconds(60), () -> stdoutSays(shell, "done"))).isTrue();

        CgroupStats stats = cgroup.stats();
        assertThat(stats.pidsCurrent()).isEqualTo(1);
        assertThat(stats.cpuUsageNanos()).isPositive();
        assertThat(stats.memoryCurrent()).isPositive();
        if (stats.memoryPeak() != null) {
            assertThat(stats.memoryPeak()).isGreaterThan(10_000_000);
        }
        assertThat(stats.memoryLimit()).isEqualTo(64 * MIB);
        assertThat(stats.pidsLimit()).isEqualTo(20);
        assertThat(stats.oomKills()).isZero();
    }

    private static boolean stdoutSays(GatedShell shell, String text) {
        try {
            return shell.stdout().contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
