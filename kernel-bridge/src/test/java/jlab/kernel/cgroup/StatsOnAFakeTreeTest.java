package jlab.kernel.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where each number of {@link CgroupStats} comes from, on files shaped like the kernel's. */
class StatsOnAFakeTreeTest {
    @TempDir Path tree;

    @Test
    void v2_stats_come_from_memory_current_events_cpu_stat_and_pids() throws IOException {
        write("memory.current", "1048576\n");
        write("memory.peak", "33554432\n");
        write("memory.events", "low 0\nhigh 0\nmax 17\noom 2\noom_kill 2\noom_group_kill 0\n");
        write("cpu.stat", "usage_usec 1500\nuser_usec 1000\nsystem_usec 500\nnr_periods 0\n");
        write("pids.current", "3\n");
        write("memory.max", "33554432\n");
        write("pids.max", "max\n");

        assertThat(new CgroupV2("jlab/x", tree).stats())
                .isEqualTo(new CgroupStats(1_048_576, 33_554_432L, 2, 1_500_000, 3, 33_554_432L, null));
    }

    @Test
    void v2_memory_peak_is_unknown_before_linux_5_19() throws IOException {
        write("memory.current", "4096\n");
        write("memory.events", "oom_kill 0\n");

        CgroupStats stats = new CgroupV2("jlab/x", tree).stats();

        assertThat(stats.memoryPeak()).isNull();
        assertThat(stats.memoryLimit()).isNull();
    }

    @Test
    void v1_stats_come_from_usage_oom_control_cpuacct_and_pids() throws IOException {
        write("memory/memory.usage_in_bytes", "2097152\n");
        write("memory/memory.max_usage_in_bytes", "33554432\n");
        write("memory/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
        write("memory/memory.limit_in_bytes", "9223372036854771712\n");
        write("cpuacct/cpuacct.usage", "123456789\n");
        write("pids/pids.current", "2\n");
        write("pids/pids.max", "20\n");

        assertThat(v1().stats()).isEqualTo(new CgroupStats(2_097_152, 33_554_432L, 1, 123_456_789, 2, null, 20L));
    }

    @Test
    void v1_oom_kills_read_zero_on_kernels_before_4_13_without_the_line() throws IOException {
        write("memory/memory.usage_in_bytes", "0\n");
        write("memory/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\n");
        write("memory/memory.limit_in_bytes", "33554432\n");

        CgroupStats stats = v1().stats();

        assertThat(stats.oomKills()).isZero();
        assertThat(stats.memoryLimit()).isEqualTo(33_554_432L);
    }

    private CgroupV1 v1() {
        return new CgroupV1("jlab/x", Map.of("memory", tree.resolve("memory"), "cpu", tree.resolve("cpu"),
                "cpuacct", tree.resolve("cpuacct"), "pids", tree.resolve("pids"), "freezer", tree.resolve("freezer")));
    }

    private void write(String file, String content) throws IOException {
        Files.createDirectories(tree.resolve(file).getParent());
        Files.writeString(tree.resolve(file), content);
    }
}
