package jlab.kernel.helper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;

import jlab.kernel.KernelException;
import jlab.kernel.syscall.Leaks;

/**
 * mount, umount, mkdir, mknod, symlink, chdir, chroot and pivot_root. The
 * helper's files are read from the host through /proc/PID/root, which walks
 * into the helper's root and mount namespace.
 */
class HelperFilesystemTest extends RealHelperTest {

    @Test
    void mount_and_umount_change_the_helpers_mount_table_and_not_ours() throws Exception {
        Helper helper = start();
        Path target = Files.createDirectory(dir.resolve("mnt"));
        helper.call("unshare", "mnt");
        helper.call("mount", "", "/", "", "rec,private", "");

        helper.call("mount", "jlab-test", target.toString(), "tmpfs", "nosuid,nodev", "size=1m");

        assertThat(mountInfo(helper)).anySatisfy(line -> assertThat(line)
                .containsPattern(" " + target + " rw,nosuid,nodev[ ,]").contains(" - tmpfs jlab-test "));
        assertThat(Leaks.mountsUnder(dir)).as("our mount namespace").isEmpty();

        helper.call("umount", target.toString());

        assertThat(mountInfo(helper)).noneSatisfy(line -> assertThat(line).contains(" " + target + " "));
    }

    @Test
    void umount_of_what_is_not_a_mount_point_is_EINVAL_with_the_call_as_c_writes_it() {
        Helper helper = start();

        assertThatThrownBy(() -> helper.call("umount", dir.toString(), "detach")).isInstanceOfSatisfying(KernelException.class, e -> {
            assertThat(e.operation()).isEqualTo("umount2");
            assertThat(e.arguments()).isEqualTo("\"" + dir + "\", MNT_DETACH");
            assertThat(e.errnoName()).isEqualTo("EINVAL");
            assertThat(e.hint()).isEqualTo("this path is not a mount point");
        });
    }

    @Test
    void mkdir_mknod_and_symlink_make_exact_modes_in_the_helpers_own_tmpfs() throws Exception {
        Helper helper = start();
        helper.call("unshare", "mnt");
        helper.call("mount", "", "/", "", "rec,private", "");
        helper.call("mount", "jlab-test", dir.toString(), "tmpfs", "", "size=1m");

        helper.call("mkdir", dir.resolve("etc").toString(), "0700");
        helper.call("mknod", dir.resolve("null").toString(), "c", "1", "3", "0666");
        helper.call("symlink", "etc", dir.resolve("link").toString());

        Path seen = inHelper(helper, dir);
        assertThat(Files.getPosixFilePermissions(seen.resolve("etc"))).as("umask-proof")
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat((Integer) Files.getAttribute(seen.resolve("null"), "unix:mode")).as("S_IFCHR|0666, umask-proof")
                .isEqualTo(0020666);
        assertThat((Long) Files.getAttribute(seen.resolve("null"), "unix:rdev")).as("makedev(1, 3)").isEqualTo(0x103L);
        assertThat(Files.readSymbolicLink(seen.resolve("link"))).hasToString("etc");
        try (var ours = Files.list(dir)) {
            assertThat(ours).as("all of it in the helper's tmpfs, none in our directory").isEmpty();
        }
    }

    @Test
    void mkdir_of_an_existing_directory_is_ok_and_leaves_its_mode() throws Exception {
        Helper helper = start();
        Path existing = Files.createDirectory(dir.resolve("existing"));
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwx--x---"));

        helper.call("mkdir", existing.toString(), "755");

        assertThat(Files.getPosixFilePermissions(existing)).isEqualTo(PosixFilePermissions.fromString("rwx--x---"));
    }

    @Test
    void mknod_of_an_existing_path_is_EEXIST() throws Exception {
        Helper helper = start();
        Path taken = Files.createFile(dir.resolve("taken"));

        assertThatThrownBy(() -> helper.call("mknod", taken.toString(), "c", "1", "3", "666"))
                .isInstanceOfSatisfying(KernelException.class, e -> {
                    assertThat(e.operation()).isEqualTo("mknod");
                    assertThat(e.arguments()).isEqualTo("\"" + taken + "\", S_IFCHR|0666, makedev(1, 3)");
                    assertThat(e.errnoName()).isEqualTo("EEXIST");
                });
    }

    @Test
    void chroot_then_exec_runs_the_command_found_in_the_new_root() throws Exception {
        Helper helper = start();
        Path rootfs = busyboxRootfs();
        Files.writeString(rootfs.resolve("marker"), "inside\n");
        Path out = captureOutput(helper);

        helper.call("chroot", rootfs.toString());
        helper.call("chdir", "/");
        helper.exec(List.of("/bin/busybox", "ls", "/"));

        assertThat(helper.waitFor()).isZero();
        assertThat(read(out).lines()).containsExactly("bin", "marker");
    }

    @Test
    void pivot_root_into_a_busybox_rootfs_runs_the_command_as_pid_1_with_nothing_of_the_host() throws Exception {
        Helper helper = start();
        Path rootfs = busyboxRootfs("sh", "hostname", "ls");
        Files.createDirectory(rootfs.resolve("proc"));
        helper.call("unshare", "mnt", "uts");
        forkInit(helper);
        // Paths are resolved now, in the host's root; the open files survive the pivot.
        Path out = captureOutput(helper);

        helper.call("mount", "", "/", "", "rec,private", "");
        helper.call("sethostname", "jlab-box");
        // pivot_root wants a mount point: bind-mount the rootfs onto itself.
        helper.call("mount", rootfs.toString(), rootfs.toString(), "", "bind,rec", "");
        helper.call("chdir", rootfs.toString());
        // The old root is stacked on "." ...
        helper.call("pivot_root", ".", ".");
        // ... and peeled off: every host mount hangs under it, so only a lazy detach works.
        helper.call("umount", ".", "detach");
        helper.call("chdir", "/");
        helper.call("mount", "proc", "/proc", "proc", "nosuid,nodev,noexec", "");
        // The shell itself opens /proc/self/stat (a builtin's redirection): its pid as this /proc counts.
        helper.exec(List.of("/bin/busybox", "sh", "-c", "echo $$; hostname; ls /; read -r pid rest < /proc/self/stat; echo $pid"));

        assertThat(helper.waitFor()).isZero();
        assertThat(read(out).lines())
                .as("$$, the hostname, ls / (no host directory, no old root), the pid in the new /proc")
                .containsExactly("1", "jlab-box", "bin", "proc", "1");
    }

    @Test
    void pivot_root_into_a_directory_that_is_not_a_mount_point_is_refused_with_the_fix() throws Exception {
        Helper helper = start();
        Path rootfs = busyboxRootfs();
        helper.call("unshare", "mnt");
        helper.call("mount", "", "/", "", "rec,private", "");
        helper.call("chdir", rootfs.toString());

        assertThatThrownBy(() -> helper.call("pivot_root", ".", ".")).isInstanceOfSatisfying(KernelException.class, e -> {
            assertThat(e.operation()).isEqualTo("pivot_root");
            assertThat(e.arguments()).isEqualTo("\".\", \".\"");
            // EBUSY on the root mount, EINVAL elsewhere: both hints say what to do.
            assertThat(e.errnoName()).isIn("EBUSY", "EINVAL");
            assertThat(e.hint()).contains("bind-mount the rootfs onto itself");
        });
    }

    private static List<String> mountInfo(Helper helper) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + helper.pid() + "/mountinfo"));
    }

    /** {@code path} as the helper sees it: /proc/PID/root walks in its root, in its mount namespace. */
    private static Path inHelper(Helper helper, Path path) {
        return Path.of("/proc/" + helper.pid() + "/root" + path);
    }
}
