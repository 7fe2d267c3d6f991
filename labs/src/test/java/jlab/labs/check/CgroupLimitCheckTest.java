package jlab.labs.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.labs.model.Lang;

/** {@code cgroup-limit} reads v2's and v1's own files, and explains the usual slips. */
class CgroupLimitCheckTest {
    @TempDir Path dir;
    private final CgroupLimitCheck check = new CgroupLimitCheck();
    private static final Map<String, String> MEMORY_64M = Map.of("cgroup", "jlab-mem", "memory-bytes", "67108864");

    @Test
    void v2_memory_max_of_64_mib_passes() throws IOException {
        FakeCgroups host = new FakeCgroups(dir, true).cgroup("jlab-mem", Map.of("memory.max", "67108864"));
        Outcome o = check.check(MEMORY_64M, host.context());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.evidence()).singleElement().satisfies(e -> {
            assertThat(e.where()).endsWith("cgroup/jlab-mem/memory.max");
            assertThat(e.observed()).isEqualTo("67108864");
        });
    }

    @Test
    void v1_reads_memory_limit_in_bytes_in_the_memory_tree() throws IOException {
        FakeCgroups host = new FakeCgroups(dir, false).cgroup("jlab-mem", Map.of("memory/memory.limit_in_bytes", "67108864"));
        Outcome o = check.check(MEMORY_64M, host.context());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.evidence().get(0).where()).endsWith("cgroup/memory/jlab-mem/memory.limit_in_bytes");
    }

    @Test
    void decimal_megabytes_fail_with_the_reason() throws IOException {
        FakeCgroups host = new FakeCgroups(dir, true).cgroup("jlab-mem", Map.of("memory.max", "64000000"));
        Outcome o = check.check(MEMORY_64M, host.context());
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.message().in(Lang.EN)).endsWith("memory.max is 64000000, not 67108864.");
        assertThat(o.hint().in(Lang.EN)).contains("MiB").contains("64M");
    }

    @Test
    void no_limit_written_says_so() throws IOException {
        FakeCgroups host = new FakeCgroups(dir, true).cgroup("jlab-mem", Map.of("memory.max", "max"));
        assertThat(check.check(MEMORY_64M, host.context()).hint().in(Lang.FR)).startsWith("Aucune limite");
    }

    @Test
    void a_missing_cgroup_says_which_directory_to_make_on_this_version() throws IOException {
        Outcome v1 = check.check(Map.of("cgroup", "jlab-pids", "pids-max", "20"), new FakeCgroups(dir.resolve("a"), false).context());
        assertThat(v1.status()).isEqualTo(Status.FAIL);
        assertThat(v1.hint().in(Lang.EN)).contains("(v1 here)").contains("mkdir " + dir.resolve("a/cgroup/pids/jlab-pids"));
        Outcome v2 = check.check(Map.of("cgroup", "jlab-pids", "pids-max", "20"), new FakeCgroups(dir.resolve("b"), true).context());
        assertThat(v2.hint().in(Lang.EN)).contains("mkdir " + dir.resolve("b/cgroup/jlab-pids"));
    }

    @Test
    void a_v2_controller_not_enabled_leaves_no_file_and_the_hint_says_how_to_enable_it() throws IOException {
        FakeCgroups host = new FakeCgroups(dir, true).cgroup("jlab-pids", Map.of("cgroup.procs", ""));
        Outcome o = check.check(Map.of("cgroup", "jlab-pids", "pids-max", "20"), host.context());
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.message().in(Lang.EN)).contains("pids.max does not exist").contains("echo +pids > /sys/fs/cgroup/cgroup.subtree_control");
    }

    @Test
    void cpu_passes_with_the_same_ratio_on_v2_and_v1() throws IOException {
        Map<String, String> half = Map.of("cgroup", "jlab-cpu", "cpu-quota-us", "50000", "cpu-period-us", "100000");
        assertThat(check.check(half, new FakeCgroups(dir.resolve("a"), true)
                .cgroup("jlab-cpu", Map.of("cpu.max", "25000 50000")).context()).status()).isEqualTo(Status.PASS);
        assertThat(check.check(half, new FakeCgroups(dir.resolve("b"), false)
                .cgroup("jlab-cpu", Map.of("cpu/cpu.cfs_quota_us", "50000", "cpu/cpu.cfs_period_us", "100000")).context()).status())
                .isEqualTo(Status.PASS);
        Outcome whole = check.check(half, new FakeCgroups(dir.resolve("c"), true)
                .cgroup("jlab-cpu", Map.of("cpu.max", "100000 100000")).context());
        assertThat(whole.status()).isEqualTo(Status.FAIL);
        assertThat(whole.message().in(Lang.EN)).contains("100000 µs of CPU per 100000 µs, not 50000 per 100000");
        Outcome none = check.check(half, new FakeCgroups(dir.resolve("d"), true)
                .cgroup("jlab-cpu", Map.of("cpu.max", "max 100000")).context());
        assertThat(none.message().in(Lang.EN)).endsWith("no CPU limit.");
    }
}
