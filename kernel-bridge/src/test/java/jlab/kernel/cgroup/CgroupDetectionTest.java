package jlab.kernel.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.kernel.KernelException;

/** Which layout a mount table means. The fixtures are real hosts' mountinfo lines. */
class CgroupDetectionTest {
    @TempDir Path proc;

    @Test
    void a_hybrid_host_is_driven_as_v1_ignoring_the_unified_and_systemd_trees() throws IOException {
        CgroupDriver driver = CgroupDriver.detect(procWith(fixture("mountinfo-hybrid.txt")));

        assertThat(driver.version()).isEqualTo("v1");
        assertThat(driver.roots()).containsExactly(Path.of("/sys/fs/cgroup/memory"), Path.of("/sys/fs/cgroup/cpu"),
                Path.of("/sys/fs/cgroup/cpuacct"), Path.of("/sys/fs/cgroup/pids"), Path.of("/sys/fs/cgroup/freezer"));
    }

    @Test
    void co_mounted_cpu_and_cpuacct_share_one_tree() throws IOException {
        CgroupDriver driver = CgroupDriver.detect(procWith(fixture("mountinfo-v1-comounted.txt")));

        assertThat(driver.version()).isEqualTo("v1");
        assertThat(driver.roots()).containsExactly(Path.of("/sys/fs/cgroup/memory"), Path.of("/sys/fs/cgroup/cpu,cpuacct"),
                Path.of("/sys/fs/cgroup/pids"), Path.of("/sys/fs/cgroup/freezer"));
    }

    @Test
    void a_pure_v2_host_is_driven_as_v2() throws IOException {
        CgroupDriver driver = CgroupDriver.detect(procWith(fixture("mountinfo-v2.txt")));

        assertThat(driver.version()).isEqualTo("v2");
        assertThat(driver.roots()).containsExactly(Path.of("/sys/fs/cgroup"));
    }

    @Test
    void cgroup2_mounted_elsewhere_is_used_when_no_v1_tree_has_our_controllers(@TempDir Path tree) throws IOException {
        String mountinfo = "26 1 254:0 / / rw - ext4 /dev/vda rw\n"
                + "39 30 0:36 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,name=systemd\n"
                + "40 23 0:37 / " + tree + " rw,relatime - cgroup2 cgroup2 rw\n";

        CgroupDriver driver = CgroupDriver.detect(procWith(mountinfo));

        assertThat(driver.version()).isEqualTo("v2");
        assertThat(driver.roots()).containsExactly(tree);
    }

    @Test
    void cgroup2_at_sys_fs_cgroup_wins_over_a_stray_v1_mount() throws IOException {
        String mountinfo = fixture("mountinfo-v2.txt")
                + "50 40 0:40 / /mnt/old-memory rw - cgroup cgroup rw,memory\n";

        assertThat(CgroupDriver.detect(procWith(mountinfo)).version()).isEqualTo("v2");
    }

    @Test
    void a_host_without_cgroups_fails_saying_how_to_mount_them() throws IOException {
        Path procRoot = procWith("26 1 254:0 / / rw - ext4 /dev/vda rw\n");

        assertThatThrownBy(() -> CgroupDriver.detect(procRoot))
                .isInstanceOf(KernelException.class).hasMessageContaining("mount -t cgroup2");
    }

    @Test
    void a_missing_mountinfo_fails_naming_the_file() {
        assertThatThrownBy(() -> CgroupDriver.detect(proc))
                .isInstanceOfSatisfying(KernelException.class, e -> assertThat(e.errnoName()).isEqualTo("ENOENT"))
                .hasMessageContaining(proc.resolve("self/mountinfo").toString());
    }

    @Test
    void mountinfo_escapes_in_mount_points_are_decoded() {
        CgroupMount mount = CgroupMount.parse("31 30 0:28 / /tmp/my\\040cgroups rw shared:3 - cgroup cgroup rw,cpu,cpuacct")
                .orElseThrow();

        assertThat(mount.mountPoint()).isEqualTo(Path.of("/tmp/my cgroups"));
        assertThat(mount.carries("cpuacct")).isTrue();
        assertThat(mount.carries("memory")).isFalse();
        assertThat(CgroupMount.parse("21 26 0:20 / /proc rw - proc proc rw")).isEmpty();
    }

    private Path procWith(String mountinfo) throws IOException {
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("self/mountinfo"), mountinfo);
        return proc;
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = CgroupDetectionTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
