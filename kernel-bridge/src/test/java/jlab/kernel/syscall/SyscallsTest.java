package jlab.kernel.syscall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.kernel.KernelException;
import jlab.kernel.Skip;

/**
 * The Java bindings of the container primitives that act on the whole process,
 * on the real kernel: mounts in our mount namespace, device nodes, prctl,
 * processes and sockets, and how a failure reads. What a thread does to its
 * own namespaces is in {@link ThreadNamespacesTest}.
 */
@Tag("kernel")
class SyscallsTest {
    private final Syscalls sys = Syscalls.get();
    private final List<Long> spawned = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void requireRoot() {
        Skip.unless(sys.geteuid() == 0, "requires root: mounts need CAP_SYS_ADMIN and device nodes CAP_MKNOD");
    }

    @AfterEach
    void nothingLeaks() {
        Leaks.assertNoMountUnder(dir);
        spawned.forEach(Leaks::assertProcessGone);
    }

    // ---- mount and umount in the process's namespace --------------------------------

    @Test
    void a_tmpfs_mounted_on_a_directory_holds_files_until_it_is_unmounted() throws Exception {
        Path target = Files.createDirectory(dir.resolve("mnt"));

        sys.mount("jlab-test", target.toString(), "tmpfs", Set.of(MountFlag.NOSUID, MountFlag.NODEV), "size=1m");
        try {
            Files.writeString(target.resolve("hello"), "hi");
            assertThat(Leaks.mountsUnder(dir)).containsExactly(target.toString());
            assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo")))
                    .filteredOn(line -> line.contains(" " + target + " "))
                    .singleElement().satisfies(line -> assertThat(line)
                            .contains(" - tmpfs jlab-test ").containsPattern(" " + target + " rw,nosuid,nodev[ ,]"));
            sys.umount(target.toString(), false);
        } finally {
            if (!Leaks.mountsUnder(target).isEmpty()) sys.umount(target.toString(), true);
        }

        assertThat(target.resolve("hello")).as("it lived in the tmpfs, now gone").doesNotExist();
        assertThat(target).isEmptyDirectory();
    }

    @Test
    void umount_of_a_directory_that_is_not_a_mount_point_is_EINVAL() {
        KernelException e = catchThrowableOfType(KernelException.class, () -> sys.umount(dir.toString(), false));

        assertThat(e).isNotNull();
        assertThat(e.operation()).isEqualTo("umount2");
        assertThat(e.arguments()).isEqualTo("\"" + dir + "\", 0");
        assertThat(e.errnoName()).isEqualTo("EINVAL");
        assertThat(e.hint()).isEqualTo("this path is not a mount point");
    }

    @Test
    void a_failed_call_names_the_call_its_arguments_the_errno_and_what_to_do() {
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> sys.mount("jlab-test", missing.toString(), "tmpfs", Set.of(MountFlag.NOSUID), null))
                .isInstanceOfSatisfying(KernelException.class, e -> {
                    assertThat(e.operation()).isEqualTo("mount");
                    assertThat(e.arguments()).isEqualTo("\"jlab-test\", \"" + missing + "\", \"tmpfs\", MS_NOSUID, NULL");
                    assertThat(e.errnoName()).isEqualTo("ENOENT");
                    assertThat(e.errno()).isEqualTo(2);
                    assertThat(e.hint()).isEqualTo("the mount point (or the source) does not exist: create the directory first");
                })
                .hasMessage("mount(\"jlab-test\", \"" + missing + "\", \"tmpfs\", MS_NOSUID, NULL): ENOENT (No such file or directory)"
                        + " — the mount point (or the source) does not exist: create the directory first");
    }

    // ---- device nodes ------------------------------------------------------------------

    @Test
    void mknod_makes_a_character_device_that_is_the_driver_it_names() throws Exception {
        Path devNull = dir.resolve("null");

        sys.mknodChar(devNull.toString(), 1, 3, 0666);

        int mode = (Integer) Files.getAttribute(devNull, "unix:mode");
        assertThat(mode & 0170000).as("S_IFCHR").isEqualTo(0020000);
        long rdev = (Long) Files.getAttribute(devNull, "unix:rdev");
        assertThat(new long[] {major(rdev), minor(rdev)}).containsExactly(1, 3);
        // 1,3 is the memory driver's null device: writes vanish, reads end at once.
        Files.writeString(devNull, "swallowed");
        assertThat(Files.readAllBytes(devNull)).isEmpty();
    }

    @Test
    void mknod_keeps_majors_and_minors_wider_than_8_bits() throws Exception {
        Path node = dir.resolve("wide");

        sys.mknodChar(node.toString(), 259, 300_000, 0600);

        long rdev = (Long) Files.getAttribute(node, "unix:rdev");
        assertThat(new long[] {major(rdev), minor(rdev)}).containsExactly(259, 300_000);
    }

    /** glibc's major() and minor(): the inverse of makedev. */
    private static long major(long dev) { return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL); }

    private static long minor(long dev) { return (dev & 0xff) | ((dev >>> 12) & ~0xffL); }

    // ---- prctl ---------------------------------------------------------------------------

    @Test
    void no_new_privs_is_off_in_the_jvm() {
        assertThat(sys.prctl(Syscalls.PR_GET_NO_NEW_PRIVS, 0)).isZero();
    }

    @Test
    void prctl_of_an_unknown_option_is_EINVAL() {
        assertThatThrownBy(() -> sys.prctl(0x7fff_0000, 0)).isInstanceOfSatisfying(KernelException.class, e -> {
            assertThat(e.operation()).isEqualTo("prctl");
            assertThat(e.errnoName()).isEqualTo("EINVAL");
        });
    }

    // ---- processes: spawn, kill, waitpid, the socket as fd 3 -------------------------

    @Test
    void kill_9_is_seen_by_waitpid_as_signal_9_which_a_shell_shows_as_137() {
        long pid = spawn(List.of("busybox", "sleep", "30"));
        boolean reaped = false;
        try {
            assertThat(sys.kill(pid, 9)).isTrue();
            WaitStatus status = new WaitStatus(sys.waitpid(pid));
            reaped = true;

            assertThat(status.signaled()).isTrue();
            assertThat(status.exited()).isFalse();
            assertThat(status.signal()).isEqualTo(9);
            assertThat(status.shellCode()).isEqualTo(137);
            assertThat(sys.kill(pid, 0)).as("a reaped pid: ESRCH").isFalse();
        } finally {
            if (!reaped) killAndReap(pid);
        }
    }

    @Test
    void a_spawned_process_gets_the_socket_as_fd_3_and_each_write_is_one_message() {
        int[] pair = sys.seqpacketPair();
        long pid;
        try {
            pid = sys.spawnWithFd3("/bin/busybox", List.of("busybox", "sh", "-c", "echo one >&3; echo two >&3; exit 3"),
                    List.of(), pair[1]);
            spawned.add(pid);
        } finally {
            sys.close(pair[1]); // the child holds its own copy; ours would keep end-of-file from coming
        }
        boolean reaped = false;
        try {
            assertThat(text(sys.receive(pair[0], 1024))).isEqualTo("one\n");
            assertThat(text(sys.receive(pair[0], 1024))).isEqualTo("two\n");
            assertThat(sys.receive(pair[0], 1024)).as("end-of-file once the child exits").isNull();
            WaitStatus status = new WaitStatus(sys.waitpid(pid));
            reaped = true;
            assertThat(status.exited()).isTrue();
            assertThat(status.shellCode()).isEqualTo(3);
        } finally {
            sys.close(pair[0]);
            if (!reaped) killAndReap(pid);
        }
    }

    @Test
    void send_to_a_closed_peer_returns_false_and_receive_reads_end_of_file() {
        int[] pair = sys.seqpacketPair();
        try {
            assertThat(sys.send(pair[0], "kept".getBytes(StandardCharsets.UTF_8))).isTrue();
            assertThat(text(sys.receive(pair[1], 1024))).isEqualTo("kept");
            sys.close(pair[1]);

            assertThat(sys.send(pair[0], "lost".getBytes(StandardCharsets.UTF_8))).as("EPIPE, not SIGPIPE").isFalse();
            assertThat(sys.receive(pair[0], 1024)).isNull();
        } finally {
            sys.close(pair[0]);
        }
    }

    @Test
    void a_socket_is_not_a_terminal() {
        int[] pair = sys.seqpacketPair();
        try {
            assertThat(sys.isatty(pair[0])).isFalse();
        } finally {
            sys.close(pair[0]);
            sys.close(pair[1]);
        }
    }

    private long spawn(List<String> argv) {
        int[] pair = sys.seqpacketPair();
        try {
            long pid = sys.spawnWithFd3("/bin/busybox", argv, List.of(), pair[1]);
            spawned.add(pid);
            return pid;
        } finally {
            sys.close(pair[0]);
            sys.close(pair[1]);
        }
    }

    private void killAndReap(long pid) {
        sys.kill(pid, 9);
        sys.waitpid(pid);
    }

    private static String text(byte[] message) {
        return message == null ? null : new String(message, StandardCharsets.UTF_8);
    }
}
