package jlab.kernel.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jlab.kernel.KernelException;

/** Creating, finding, joining and removing cgroups on the real kernel. */
class CgroupLifecycleKernelTest extends RealCgroupTest {
    static final CgroupLimits LIMITS = new CgroupLimits(32 * MIB, 16 * MIB, 50_000L, 100_000L, 50L, 20L);

    @Test
    void creating_writes_limits_that_the_kernel_reads_back() throws IOException {
        Cgroup cgroup = driver.create(path, LIMITS);

        Map<String, String> expected = new LinkedHashMap<>();
        if (driver.version().equals("v2")) {
            expected.putAll(Map.of("memory.max", "33554432", "memory.swap.max", "16777216",
                    "cpu.max", "50000 100000", "cpu.weight", "50", "pids.max", "20"));
        } else {
            expected.putAll(Map.of("memory/memory.limit_in_bytes", "33554432",
                    "memory/memory.memsw.limit_in_bytes", "50331648", "cpu/cpu.cfs_period_us", "100000",
                    "cpu/cpu.cfs_quota_us", "50000", "cpu/cpu.shares", "1286", "pids/pids.max", "20"));
        }
        assertThat(cgroup.limitFiles()).containsExactlyInAnyOrderEntriesOf(expected);
        for (Map.Entry<String, String> written : cgroup.limitFiles().entrySet()) {
            assertThat(readBack(cgroup, written.getKey())).as(written.getKey()).isEqualTo(written.getValue());
        }
        assertThat(cgroup.stats().memoryLimit()).isEqualTo(32 * MIB);
        assertThat(cgroup.stats().pidsLimit()).isEqualTo(20);
    }

    @Test
    void a_new_cgroup_sits_at_the_hierarchy_root_not_under_our_own_cgroup() {
        Cgroup cgroup = driver.create(path, CgroupLimits.none());

        assertThat(cgroup.directories()).containsExactlyElementsOf(driver.roots().stream().map(r -> r.resolve(path)).toList());
        assertThat(cgroup.directories()).allSatisfy(dir -> assertThat(dir).isDirectory());
    }

    @Test
    void creating_enables_the_controllers_in_each_parents_subtree_control() throws IOException {
        assumeTrue(driver.version().equals("v2"), "cgroup.subtree_control exists on v2 only");
        Path root = driver.roots().get(0);

        driver.create(path, CgroupLimits.none());

        for (Path parent : new Path[] {root, root.resolve(PARENT)}) {
            assertThat(Files.readString(parent.resolve("cgroup.subtree_control")).split("\\s+"))
                    .as(parent + "/cgroup.subtree_control").contains("memory", "cpu", "pids");
        }
        assertThat(root.resolve(path).resolve("memory.max")).exists();
    }

    @Test
    void an_added_process_is_listed_in_cgroup_procs_and_in_proc_pid_cgroup() throws IOException {
        Cgroup cgroup = driver.create(path, CgroupLimits.none());
        GatedShell shell = gatedShell("sleep 30");

        cgroup.addProcess(shell.pid());

        assertThat(cgroup.processes()).containsExactly(shell.pid());
        // /proc/PID/cgroup: "0::/jlab-test/x" on v2; "4:memory:/jlab-test/x" and one line per tree on v1
        assertThat(Files.readAllLines(Path.of("/proc/" + shell.pid() + "/cgroup")))
                .anySatisfy(line -> assertThat(line).endsWith(":/" + path));
    }

    @Test
    void a_refused_limit_names_the_file_and_errno_and_create_leaves_nothing_behind() {
        // The kernel refuses CPU quotas under 1 ms.
        assertThatThrownBy(() -> driver.create(path, CgroupLimits.none().withCpuQuota(10L, null)))
                .isInstanceOfSatisfying(KernelException.class, e -> assertThat(e.errnoName()).isEqualTo("EINVAL"))
                .hasMessageContaining(driver.version().equals("v2") ? "cpu.max" : "cpu.cfs_quota_us")
                .hasMessageContaining("1000 µs");

        assertThat(driver.open(path)).isEmpty();
    }

    @Test
    void adding_a_process_that_does_not_exist_fails_with_esrch() {
        Cgroup cgroup = driver.create(path, CgroupLimits.none());

        assertThatThrownBy(() -> cgroup.addProcess(99_999_999))
                .isInstanceOfSatisfying(KernelException.class, e -> assertThat(e.errnoName()).isEqualTo("ESRCH"))
                .hasMessageContaining("cgroup.procs");
    }

    @Test
    void open_finds_an_existing_cgroup_children_lists_it_and_a_missing_one_is_empty() {
        driver.create(path, CgroupLimits.none());
        String name = path.substring(PARENT.length() + 1);

        assertThat(driver.open(path)).hasValueSatisfying(c -> assertThat(c.path()).isEqualTo(path));
        assertThat(driver.children(PARENT)).contains(name);
        assertThat(driver.open(PARENT + "/not-there")).isEmpty();
        assertThat(driver.children(PARENT + "/not-there")).isEmpty();
    }

    @Test
    void delete_removes_every_directory_and_a_second_delete_is_fine() {
        Cgroup cgroup = driver.create(path, CgroupLimits.none().withMemoryBytes(32 * MIB));

        cgroup.delete();
        cgroup.delete();

        assertThat(cgroup.directories()).allSatisfy(dir -> assertThat(dir).doesNotExist());
        assertThat(driver.open(path)).isEmpty();
    }

    @Test
    void delete_refuses_while_a_process_lives_and_names_it() throws IOException {
        Cgroup cgroup = driver.create(path, CgroupLimits.none());
        GatedShell shell = runInside(cgroup, "sleep 30");

        assertThatThrownBy(cgroup::delete)
                .isInstanceOfSatisfying(KernelException.class, e -> assertThat(e.errnoName()).isEqualTo("EBUSY"))
                .hasMessageContaining(Long.toString(shell.pid()));
        assertThat(cgroup.directories()).allSatisfy(dir -> assertThat(dir).isDirectory());
    }
}
