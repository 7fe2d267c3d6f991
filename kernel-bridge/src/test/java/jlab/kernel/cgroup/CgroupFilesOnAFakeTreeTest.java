package jlab.kernel.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.kernel.KernelException;

/** Writes, errors and undo, on plain directories standing in for cgroupfs. */
class CgroupFilesOnAFakeTreeTest {
    @TempDir Path tree;

    @Test
    void a_refused_write_names_the_file_the_value_the_errno_and_a_hint() {
        Path missing = tree.resolve("memory.max");

        assertThatThrownBy(() -> CgroupFiles.write(missing, "33554432"))
                .isInstanceOfSatisfying(KernelException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("ENOENT");
                    assertThat(e.hint()).contains("controller is not enabled");
                })
                .hasMessageStartingWith("write(" + missing + ", \"33554432\"): ENOENT");
        assertThat(missing).doesNotExist();
    }

    @Test
    void the_errno_is_recovered_from_the_jdks_exception_text() {
        assertThat(IoErrno.of(new IOException("Invalid argument"))).isEqualTo(22);
        assertThat(IoErrno.of(new FileSystemException("/x", null, "Device or resource busy"))).isEqualTo(16);
        assertThat(IoErrno.of(new IOException("No such process"))).isEqualTo(3);
        assertThat(IoErrno.of(new NoSuchFileException("/x"))).isEqualTo(2);
        assertThat(IoErrno.of(new IOException("something else"))).isZero();
    }

    @Test
    void the_hint_names_the_rule_the_kernel_applied() {
        assertThat(CgroupHints.forFailure("write", "cgroup.procs", "EBUSY")).contains("no internal processes");
        assertThat(CgroupHints.forFailure("write", "memory.memsw.limit_in_bytes", "EINVAL")).contains("memory + swap");
        assertThat(CgroupHints.forFailure("rmdir", "3f2a", "EBUSY")).contains("processes");
    }

    @Test
    void v1_limits_go_to_each_controllers_tree_and_are_recorded() throws IOException {
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (String controller : new String[] {"memory", "cpu", "pids"}) {
            dirs.put(controller, Files.createDirectories(tree.resolve(controller + "/jlab/x")));
        }
        for (String file : new String[] {"memory/jlab/x/memory.limit_in_bytes", "cpu/jlab/x/cpu.cfs_period_us",
                "cpu/jlab/x/cpu.cfs_quota_us", "pids/jlab/x/pids.max"}) {
            Files.createFile(tree.resolve(file));
        }
        CgroupV1 cgroup = new CgroupV1("jlab/x", dirs);

        cgroup.setLimits(new CgroupLimits(32L << 20, null, 50_000L, null, null, 20L));

        assertThat(cgroup.limitFiles()).containsExactly(Map.entry("memory/memory.limit_in_bytes", "33554432"),
                Map.entry("cpu/cpu.cfs_period_us", "100000"), Map.entry("cpu/cpu.cfs_quota_us", "50000"),
                Map.entry("pids/pids.max", "20"));
        assertThat(tree.resolve("cpu/jlab/x/cpu.cfs_quota_us")).hasContent("50000");
        assertThat(cgroup.directories()).containsExactly(dirs.get("memory"), dirs.get("cpu"), dirs.get("pids"));
    }

    @Test
    void v1_create_removes_the_directories_it_made_in_every_tree_when_a_limit_is_refused() throws IOException {
        Path proc = Files.createDirectories(tree.resolve("proc/self"));
        Files.writeString(proc.resolve("mountinfo"),
                "31 30 0:28 / " + tree.resolve("memory") + " rw - cgroup cgroup rw,memory\n"
                        + "38 30 0:35 / " + tree.resolve("pids") + " rw - cgroup cgroup rw,pids\n");
        Files.createDirectories(tree.resolve("memory"));
        Files.createDirectories(tree.resolve("pids"));
        CgroupDriver driver = CgroupDriver.detect(tree.resolve("proc"));

        // A plain directory has no memory.limit_in_bytes: the write is refused like a kernel refusal.
        assertThatThrownBy(() -> driver.create("jlab/x", CgroupLimits.none().withMemoryBytes(32L << 20)))
                .isInstanceOf(KernelException.class).hasMessageContaining("memory.limit_in_bytes");

        assertThat(tree.resolve("memory/jlab")).doesNotExist();
        assertThat(tree.resolve("pids/jlab")).doesNotExist();
        assertThat(driver.open("jlab/x")).isEmpty();
    }

    @Test
    void v2_create_fails_naming_the_file_it_missed_and_removes_what_it_made() throws IOException {
        Path proc = Files.createDirectories(tree.resolve("proc/self"));
        Path root = Files.createDirectories(tree.resolve("cgroup"));
        Files.writeString(proc.resolve("mountinfo"), "40 23 0:36 / " + root + " rw - cgroup2 cgroup2 rw\n");
        Files.writeString(root.resolve("cgroup.controllers"), "memory");
        Files.writeString(root.resolve("cgroup.subtree_control"), "");
        CgroupDriver driver = CgroupDriver.detect(tree.resolve("proc"));

        // The kernel would fill the new jlab/ with cgroup.controllers; a plain mkdir does not.
        assertThatThrownBy(() -> driver.create("jlab/x", CgroupLimits.none()))
                .isInstanceOf(KernelException.class).hasMessageContaining(root.resolve("jlab/cgroup.controllers").toString());

        assertThat(root.resolve("cgroup.subtree_control")).hasContent("+memory");
        assertThat(root.resolve("jlab")).doesNotExist();
    }
}
