package jlab.kernel.syscall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.kernel.KernelException;
import jlab.kernel.Skip;
import jlab.kernel.ns.Namespace;

/**
 * What a JVM thread may do to its own namespaces, on the real kernel.
 *
 * <p>Linux keeps namespaces per task, and a Java thread is one task: each test
 * changes them on a {@link FreshThread} that ends afterwards, taking its
 * namespaces with it. The JUnit thread stays in the host's.
 */
@Tag("kernel")
class ThreadNamespacesTest {
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");

    private final Syscalls sys = Syscalls.get();

    @TempDir
    Path dir;

    @BeforeEach
    void requireRoot() {
        Skip.unless(sys.geteuid() == 0, "requires root: unshare, setns, mount and pivot_root need CAP_SYS_ADMIN");
    }

    @AfterEach
    void nothingLeaks() {
        Leaks.assertNoMountUnder(dir);
    }

    // ---- UTS namespaces: per thread --------------------------------------------------

    record HostnameSeen(String gethostname, String procHostname, long threadUts, long processUts) {}

    @Test
    void a_thread_that_unshares_uts_has_its_own_hostname_and_the_host_keeps_its_own() throws Exception {
        String hostHostname = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        long hostUts = NsInode.of(THREAD_SELF.resolve("ns/uts"));

        HostnameSeen inThread = FreshThread.call("uts", () -> {
            sys.unshare(Set.of(Namespace.UTS));
            sys.sethostname("jlab-test");
            return new HostnameSeen(sys.gethostname(),
                    Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(),
                    NsInode.of(THREAD_SELF.resolve("ns/uts")),
                    // /proc/self is the process: its main thread, which did not unshare.
                    NsInode.of(Path.of("/proc/self/ns/uts")));
        });

        assertThat(inThread.gethostname()).isEqualTo("jlab-test");
        assertThat(inThread.procHostname()).as("/proc/sys/kernel/hostname shows the reader's UTS namespace")
                .isEqualTo("jlab-test");
        assertThat(inThread.threadUts()).as("/proc/thread-self/ns/uts").isNotEqualTo(hostUts);
        assertThat(inThread.processUts()).as("/proc/self/ns/uts, read from the thread").isEqualTo(hostUts);
        assertThat(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip()).isEqualTo(hostHostname);
        assertThat(sys.gethostname()).isEqualTo(hostHostname);
    }

    @Test
    void setns_into_the_hosts_uts_namespace_brings_a_thread_back() throws Exception {
        // The JUnit thread's own file: /proc/self/ns would name the main thread's.
        Path hostUtsFile = Path.of("/proc/self/task/" + sys.gettid() + "/ns/uts");
        long hostUts = NsInode.of(hostUtsFile);
        String hostHostname = sys.gethostname();

        long[] awayAndBack = FreshThread.call("setns", () -> {
            sys.unshare(Set.of(Namespace.UTS));
            sys.sethostname("jlab-away");
            long away = NsInode.of(THREAD_SELF.resolve("ns/uts"));
            sys.setns(hostUtsFile, Namespace.UTS);
            assertThat(sys.gethostname()).isEqualTo(hostHostname);
            return new long[] {away, NsInode.of(THREAD_SELF.resolve("ns/uts"))};
        });

        assertThat(awayAndBack[0]).isNotEqualTo(hostUts);
        assertThat(awayAndBack[1]).isEqualTo(hostUts);
    }

    @Test
    void setns_refuses_a_namespace_file_of_another_type() throws Exception {
        KernelException e = FreshThread.call("setns-wrong-type", () -> catchThrowableOfType(KernelException.class,
                () -> sys.setns(THREAD_SELF.resolve("ns/uts"), Namespace.NET)));

        assertThat(e).isNotNull();
        assertThat(e.operation()).isEqualTo("setns");
        assertThat(e.arguments()).endsWith("/ns/uts\", CLONE_NEWNET");
        assertThat(e.errnoName()).isEqualTo("EINVAL");
        assertThat(e.hint()).contains("not a namespace of the type asked");
    }

    // ---- mount and user namespaces: what a JVM thread may unshare -------------------

    @Test
    void a_jvm_thread_can_unshare_a_mount_namespace_and_its_mounts_stay_invisible_to_the_process() throws Exception {
        Path target = Files.createDirectory(dir.resolve("thread-only"));
        long processMnt = NsInode.of(Path.of("/proc/self/ns/mnt"));

        // CLONE_NEWNS implies CLONE_FS: the kernel gives the thread a copy of the
        // process's root and cwd. That is allowed in a multithreaded process.
        List<String> seenByThread = FreshThread.call("mnt", () -> {
            sys.unshare(Set.of(Namespace.MNT));
            assertThat(NsInode.of(THREAD_SELF.resolve("ns/mnt"))).isNotEqualTo(processMnt);
            // As any engine does first: no mount event travels back to the host.
            sys.mount(null, "/", null, Set.of(MountFlag.REC, MountFlag.PRIVATE), null);
            sys.mount("jlab-test", target.toString(), "tmpfs", Set.of(), "size=1m");
            assertThat(Leaks.mountsUnder(dir)).as("/proc/self/mountinfo: the main thread's table").isEmpty();
            return Files.readAllLines(THREAD_SELF.resolve("mountinfo"));
        });

        assertThat(seenByThread).anySatisfy(line -> assertThat(line).contains(" " + target + " ").contains(" - tmpfs jlab-test "));
        // The namespace ended with the thread, and its mount with it (checked again after each test).
        assertThat(Leaks.mountsUnder(dir)).isEmpty();
    }

    @Test
    void a_jvm_thread_cannot_unshare_a_user_namespace() throws Exception {
        // CLONE_NEWUSER implies CLONE_THREAD: only a process with one thread may.
        KernelException e = FreshThread.call("user", () -> catchThrowableOfType(KernelException.class,
                () -> sys.unshare(Set.of(Namespace.USER))));

        assertThat(e).isNotNull();
        assertThat(e.operation()).isEqualTo("unshare");
        assertThat(e.arguments()).isEqualTo("CLONE_NEWUSER");
        assertThat(e.errnoName()).isEqualTo("EINVAL");
        assertThat(e.hint()).contains("multithreaded").contains("user namespace").contains("native helper");
    }

    // ---- pivot_root: refused from the JVM, with the reason --------------------------

    @Test
    void pivot_root_needs_a_mount_point() throws Exception {
        KernelException e = FreshThread.call("pivot-einval", () -> {
            sys.unshare(Set.of(Namespace.MNT));
            sys.mount(null, "/", null, Set.of(MountFlag.REC, MountFlag.PRIVATE), null);
            // new_root must not be on the root mount (that is EBUSY, checked first):
            // a directory inside a tmpfs is on another mount, but is not a mount point.
            sys.mount("jlab-test", dir.toString(), "tmpfs", Set.of(), "size=1m");
            Path newRoot = Files.createDirectory(dir.resolve("not-a-mount-point"));
            return catchThrowableOfType(KernelException.class, () -> sys.pivotRoot(newRoot.toString(), newRoot.toString()));
        });

        assertThat(e).isNotNull();
        assertThat(e.operation()).isEqualTo("pivot_root");
        assertThat(e.arguments()).isEqualTo("\"" + dir + "/not-a-mount-point\", \"" + dir + "/not-a-mount-point\"");
        assertThat(e.errnoName()).isEqualTo("EINVAL");
        assertThat(e.errno()).isEqualTo(22);
        assertThat(e.hint()).contains("mount point").contains("bind-mount the rootfs onto itself");
    }

    @Test
    void pivot_root_into_a_plain_directory_on_the_root_mount_is_busy() throws Exception {
        // The mistake students make: a rootfs that is just a directory on "/".
        // The kernel checks "on the current root mount" (EBUSY) before "a mount point" (EINVAL).
        Path rootfs = Files.createDirectory(dir.resolve("rootfs"));
        assumeTrue(mountPointOf(rootfs).equals("/"), "the temp dir must be on the root mount, and " + rootfs + " is not");

        KernelException e = FreshThread.call("pivot-ebusy", () -> {
            sys.unshare(Set.of(Namespace.MNT));
            sys.mount(null, "/", null, Set.of(MountFlag.REC, MountFlag.PRIVATE), null);
            return catchThrowableOfType(KernelException.class, () -> sys.pivotRoot(rootfs.toString(), rootfs.toString()));
        });

        assertThat(e).isNotNull();
        assertThat(e.errnoName()).isEqualTo("EBUSY");
        assertThat(e.hint()).contains("bind-mount the rootfs onto itself");
    }

    // ---- thread ids ----------------------------------------------------------------------

    @Test
    void gettid_names_the_thread_that_proc_thread_self_points_to() throws Exception {
        long pid = ProcessHandle.current().pid();

        long tid = FreshThread.call("tid", () -> {
            long own = sys.gettid();
            assertThat(Files.readSymbolicLink(THREAD_SELF)).hasToString(pid + "/task/" + own);
            return own;
        });

        assertThat(tid).as("a thread that is not the main one has its own id").isNotEqualTo(pid);
        assertThat(sys.gettid()).as("the JUnit thread's").isNotEqualTo(tid);
    }

    /** The mount point of the mount that holds {@code path}: the longest one that is a prefix. */
    private static String mountPointOf(Path path) throws Exception {
        String real = path.toRealPath().toString();
        String best = "/";
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String mountPoint = line.split(" ")[4];
            if ((real.equals(mountPoint) || real.startsWith(mountPoint + "/")) && mountPoint.length() > best.length()) {
                best = mountPoint;
            }
        }
        return best;
    }
}
