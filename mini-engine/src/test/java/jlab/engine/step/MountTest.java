package jlab.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import jlab.kernel.syscall.MountFlag;

/** One mount(2) call, written as C, as mount(8), and as the helper's request. */
class MountTest {
    private final Mount proc = Mount.of("proc", "/x/proc", "proc", null,
            MountFlag.NOSUID, MountFlag.NODEV, MountFlag.NOEXEC);

    @Test
    void proc_as_a_syscall() {
        assertThat(proc.syscall()).isEqualTo("mount(\"proc\", \"/x/proc\", \"proc\", MS_NOSUID|MS_NODEV|MS_NOEXEC, NULL)");
    }

    @Test
    void proc_as_a_shell_command() {
        assertThat(proc.shell()).isEqualTo("mount -t proc -o nosuid,nodev,noexec proc /x/proc");
    }

    @Test
    void proc_as_a_helper_request() {
        assertThat(proc.request()).containsExactly("mount", "proc", "/x/proc", "proc", "nosuid,nodev,noexec", "");
    }

    @Test
    void a_recursive_bind_is_rbind() {
        Mount m = Mount.of("/proc/sys", "/proc/sys", null, null, MountFlag.BIND, MountFlag.REC);
        assertThat(m.shell()).isEqualTo("mount --rbind /proc/sys /proc/sys");
        assertThat(m.syscall()).isEqualTo("mount(\"/proc/sys\", \"/proc/sys\", NULL, MS_BIND|MS_REC, NULL)");
    }

    @Test
    void a_plain_bind_is_bind() {
        Mount m = Mount.of("/dev/null", "/proc/kcore", null, null, MountFlag.BIND);
        assertThat(m.shell()).isEqualTo("mount --bind /dev/null /proc/kcore");
    }

    @Test
    void flags_come_before_data_in_the_options() {
        Mount m = Mount.of("tmpfs", "/tmp", "tmpfs", "mode=1777", MountFlag.NOSUID, MountFlag.NODEV);
        assertThat(m.shell()).isEqualTo("mount -t tmpfs -o nosuid,nodev,mode=1777 tmpfs /tmp");
        assertThat(m.syscall()).isEqualTo("mount(\"tmpfs\", \"/tmp\", \"tmpfs\", MS_NOSUID|MS_NODEV, \"mode=1777\")");
    }

    @Test
    void no_flags_are_written_0_in_c_and_omitted_in_the_shell() {
        Mount m = Mount.of("overlay", "/c/rootfs", "overlay", "lowerdir=/i,upperdir=/c/upper,workdir=/c/work");
        assertThat(m.syscall()).isEqualTo(
                "mount(\"overlay\", \"/c/rootfs\", \"overlay\", 0, \"lowerdir=/i,upperdir=/c/upper,workdir=/c/work\")");
        assertThat(m.shell()).isEqualTo("mount -t overlay -o lowerdir=/i,upperdir=/c/upper,workdir=/c/work overlay /c/rootfs");
        assertThat(m.request()).isEqualTo(List.of("mount", "overlay", "/c/rootfs", "overlay", "",
                "lowerdir=/i,upperdir=/c/upper,workdir=/c/work"));
    }

    @Test
    void a_missing_source_is_null_in_c_and_none_in_the_shell() {
        Mount m = Mount.of(null, "/proc/sys", null, null, MountFlag.REMOUNT, MountFlag.BIND, MountFlag.RDONLY);
        assertThat(m.syscall()).isEqualTo("mount(NULL, \"/proc/sys\", NULL, MS_RDONLY|MS_REMOUNT|MS_BIND, NULL)");
        assertThat(m.shell()).endsWith(" none /proc/sys");
        assertThat(m.request()).containsExactly("mount", "", "/proc/sys", "", "ro,remount,bind", "");
    }
}
