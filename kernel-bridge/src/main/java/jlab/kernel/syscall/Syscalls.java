package jlab.kernel.syscall;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import jlab.kernel.KernelException;
import jlab.kernel.ns.Namespace;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * The container primitives, callable from Java, each checked: a failure is a
 * {@link KernelException} naming the call, its arguments, errno and a hint.
 *
 * <p>Calls made from the JVM act on the <em>calling thread</em> where the kernel
 * allows it (namespaces belong to a task, and a Java thread is one task), and on
 * the whole process otherwise. That is why the steps that must happen inside a
 * future container run in the native helper instead (see
 * {@code src/main/c/helper/README.md}): a JVM cannot unshare a user namespace
 * (the process has many threads), and cannot fork to become PID 1.
 */
public final class Syscalls {
    /** x86_64's number for pivot_root(2); glibc has no wrapper. */
    private static final long SYS_PIVOT_ROOT = 155;
    /** umount2(2) flag: detach now, clean up when no longer busy (umount -l). */
    public static final int MNT_DETACH = 2;
    public static final int PR_SET_PDEATHSIG = 1;
    public static final int PR_GET_NO_NEW_PRIVS = 39;

    private static final Syscalls INSTANCE = new Syscalls();

    private final LibC libc;
    private final Runtime runtime;

    private Syscalls() {
        libc = LibraryLoader.create(LibC.class).load("c");
        runtime = Runtime.getRuntime(libc);
    }

    public static Syscalls get() { return INSTANCE; }

    private int errno() { return LastError.getLastError(runtime); }

    private void check(long result, String operation, String arguments) {
        if (result < 0) throw KernelException.of(operation, arguments, errno());
    }

    private static String q(Object s) { return s == null ? "NULL" : "\"" + s + "\""; }

    /** unshare(2) for the calling thread: {@code unshare(CLONE_NEWUTS)}. */
    public void unshare(Set<Namespace> namespaces) {
        int flags = 0;
        StringBuilder names = new StringBuilder();
        for (Namespace ns : namespaces) {
            flags |= ns.cloneFlag();
            names.append(names.length() == 0 ? "" : "|").append(ns.cloneFlagName());
        }
        check(libc.unshare(flags), "unshare", names.toString());
    }

    /** setns(2): moves the calling thread into the namespace that {@code nsFile} (e.g. /proc/PID/ns/uts) names. */
    public void setns(Path nsFile, Namespace type) {
        int fd = libc.open(nsFile.toString(), 0 /* O_RDONLY */ | 02000000 /* O_CLOEXEC */, 0);
        check(fd, "open", q(nsFile) + ", O_RDONLY");
        try {
            check(libc.setns(fd, type.cloneFlag()), "setns", q(nsFile) + ", " + type.cloneFlagName());
        } finally {
            libc.close(fd);
        }
    }

    /** mount(2). {@code source}, {@code fstype} and {@code data} may be null. */
    public void mount(String source, String target, String fstype, Set<MountFlag> flags, String data) {
        check(libc.mount(source, target, fstype, MountFlag.bits(flags), data), "mount",
                q(source) + ", " + q(target) + ", " + q(fstype) + ", " + MountFlag.constants(flags) + ", " + q(data));
    }

    /** umount2(2); {@code detach} is MNT_DETACH (umount -l). */
    public void umount(String target, boolean detach) {
        check(libc.umount2(target, detach ? MNT_DETACH : 0), "umount2", q(target) + (detach ? ", MNT_DETACH" : ", 0"));
    }

    /** chroot(2): changes the root directory of the calling process (of its fs_struct). */
    public void chroot(String path) {
        check(libc.chroot(path), "chroot", q(path));
    }

    /** pivot_root(2): makes {@code newRoot} the root of the mount namespace, and puts the old root at {@code putOld}. */
    public void pivotRoot(String newRoot, String putOld) {
        check(libc.syscall(SYS_PIVOT_ROOT, newRoot, putOld), "pivot_root", q(newRoot) + ", " + q(putOld));
    }

    /** sethostname(2), in the calling thread's UTS namespace. */
    public void sethostname(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        check(libc.sethostname(name, bytes.length), "sethostname", q(name) + ", " + bytes.length);
    }

    /** gethostname(2), as the calling thread's UTS namespace has it. */
    public String gethostname() {
        byte[] buf = new byte[256];
        check(libc.gethostname(buf, buf.length), "gethostname", "");
        int n = 0;
        while (n < buf.length && buf[n] != 0) n++;
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    /** mknod(2) of a character device: {@code mknod /dev/null c 1 3}. */
    public void mknodChar(String path, int major, int minor, int permissions) {
        final int sIfChr = 0020000;
        long dev = makedev(major, minor);
        check(libc.mknod(path, sIfChr | permissions, dev), "mknod",
                q(path) + ", S_IFCHR|0" + Integer.toOctalString(permissions) + ", makedev(" + major + ", " + minor + ")");
    }

    /** errno for "this file has no such extended attribute". */
    private static final int ENODATA = 61;

    /**
     * lgetxattr(2): the value of extended attribute {@code name} of {@code path} (a final symlink is not
     * followed), or null when the file has none. Overlayfs marks an opaque directory with
     * {@code trusted.overlay.opaque = "y"}; only root can read the "trusted." namespace.
     */
    public byte[] lgetxattr(String path, String name) {
        byte[] buf = new byte[256];
        long n = libc.lgetxattr(path, name, buf, buf.length);
        if (n < 0) {
            int e = errno();
            if (e == ENODATA) return null;
            throw KernelException.of("lgetxattr", q(path) + ", " + q(name), e);
        }
        return java.util.Arrays.copyOf(buf, (int) n);
    }

    /** lsetxattr(2): sets extended attribute {@code name} of {@code path}: {@code setfattr -n NAME -v VALUE PATH}. */
    public void lsetxattr(String path, String name, byte[] value) {
        check(libc.lsetxattr(path, name, value, value.length, 0), "lsetxattr",
                q(path) + ", " + q(name) + ", " + q(new String(value, StandardCharsets.UTF_8)) + ", " + value.length + ", 0");
    }

    /**
     * mknod(2) of any kind: {@code typeBits} is S_IFCHR (0020000), S_IFBLK (0060000) or S_IFIFO (0010000).
     * A character device 0/0 is how overlayfs marks a deleted file (a "whiteout").
     */
    public void mknod(String path, int typeBits, int permissions, long major, long minor) {
        check(libc.mknod(path, typeBits | permissions, makedev(major, minor)), "mknod",
                q(path) + ", 0" + Integer.toOctalString(typeBits | permissions) + ", makedev(" + major + ", " + minor + ")");
    }

    /** glibc's major() and minor() of a 64-bit dev_t. */
    public static long major(long dev) { return ((dev >>> 32) & 0xfffff000L) | ((dev >>> 8) & 0xfffL); }

    public static long minor(long dev) { return ((dev >>> 12) & 0xffffff00L) | (dev & 0xffL); }

    /** glibc's makedev(): the 64-bit dev_t layout. */
    static long makedev(long major, long minor) {
        return ((major & 0xfffff000L) << 32) | ((major & 0xfffL) << 8)
                | ((minor & 0xffffff00L) << 12) | (minor & 0xffL);
    }

    /** prctl(2) with one argument; returns its result. */
    public int prctl(int option, long arg) {
        int r = libc.prctl(option, arg, 0, 0, 0);
        check(r, "prctl", option + ", " + arg);
        return r;
    }

    /** kill(2). Returns false if the process no longer exists (ESRCH). */
    public boolean kill(long pid, int signal) {
        int r = libc.kill((int) pid, signal);
        if (r < 0) {
            int e = errno();
            if (e == 3 /* ESRCH */) return false;
            throw KernelException.of("kill", pid + ", " + signal, e);
        }
        return true;
    }

    /**
     * waitpid(2) until {@code pid} ends; returns its raw wait status
     * (decode with {@link WaitStatus}).
     */
    public int waitpid(long pid) {
        int[] status = new int[1];
        while (true) {
            int r = libc.waitpid((int) pid, status, 0);
            if (r >= 0) return status[0];
            int e = errno();
            if (e != 4 /* EINTR */) throw KernelException.of("waitpid", String.valueOf(pid), e);
        }
    }

    /** socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC): two connected ends that keep message boundaries. */
    public int[] seqpacketPair() {
        final int afUnix = 1;
        final int sockSeqpacket = 5;
        final int sockCloexec = 02000000;
        int[] fds = new int[2];
        check(libc.socketpair(afUnix, sockSeqpacket | sockCloexec, 0, fds), "socketpair",
                "AF_UNIX, SOCK_SEQPACKET|SOCK_CLOEXEC, 0");
        return fds;
    }

    /**
     * posix_spawn(3) of {@code program}, with {@code fdForChild} as the child's
     * fd 3 and fds 0-2 inherited. glibc's posix_spawn uses clone(CLONE_VM |
     * CLONE_VFORK): no copy of the JVM's memory is made, whatever its size.
     */
    public long spawnWithFd3(String program, List<String> argv, Collection<String> env, int fdForChild) {
        Pointer actions = Memory.allocateDirect(runtime, 256);
        libc.posix_spawn_file_actions_init(actions);
        try {
            // dup2 clears close-on-exec on the new fd: the child keeps fd 3 across its exec.
            libc.posix_spawn_file_actions_adddup2(actions, fdForChild, 3);
            int[] pid = new int[1];
            int error = libc.posix_spawn(pid, program, actions, null,
                    argv.toArray(new CharSequence[0]), env.toArray(new CharSequence[0]));
            if (error != 0) throw KernelException.of("posix_spawn", q(program), error);
            return pid[0];
        } finally {
            libc.posix_spawn_file_actions_destroy(actions);
        }
    }

    /** send(2) of one message; returns false if the peer has gone (EPIPE, ECONNRESET). */
    public boolean send(int fd, byte[] message) {
        // MSG_NOSIGNAL: a helper that is gone gives EPIPE, not a SIGPIPE for the JVM.
        long r = libc.send(fd, message, message.length, 0x4000 /* MSG_NOSIGNAL */);
        if (r < 0) {
            int e = errno();
            if (e == 32 /* EPIPE */ || e == 104 /* ECONNRESET */) return false;
            throw KernelException.of("write", "socket " + fd, e);
        }
        return true;
    }

    /** recv(2) of one message; null at end-of-file. */
    public byte[] receive(int fd, int maxLength) {
        byte[] buf = new byte[maxLength];
        while (true) {
            int n = (int) libc.read(fd, buf, buf.length);
            if (n > 0) return java.util.Arrays.copyOf(buf, n);
            if (n == 0) return null;
            int e = errno();
            if (e == 104 /* ECONNRESET */) return null;
            if (e != 4 /* EINTR */) throw KernelException.of("read", "socket " + fd, e);
        }
    }

    public void close(int fd) {
        libc.close(fd);
    }

    /** The effective user id of this process (0 for root). */
    public int geteuid() { return libc.geteuid(); }

    /** Whether {@code fd} is a terminal (0: is standard input a keyboard, or a pipe or file?). */
    public boolean isatty(int fd) { return libc.isatty(fd) == 1; }

    /** The id of the calling thread as the kernel names it (its tid): /proc/thread-self is /proc/PID/task/TID. */
    public long gettid() { return libc.gettid(); }

    /**
     * socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol): a socket whose other end is the kernel
     * (protocol 0, NETLINK_ROUTE, is rtnetlink: links, addresses, routes). The socket belongs to the
     * network namespace of the calling thread, for its whole life.
     */
    public int netlinkSocket(int protocol) {
        final int afNetlink = 16;
        final int sockRaw = 3;
        final int sockCloexec = 02000000;
        int fd = libc.socket(afNetlink, sockRaw | sockCloexec, protocol);
        check(fd, "socket", "AF_NETLINK, SOCK_RAW|SOCK_CLOEXEC, " + protocol);
        return fd;
    }

    /** open(2) with O_RDONLY|O_CLOEXEC, e.g. of a namespace file to hand to the kernel by fd; close it with {@link #close}. */
    public int openReadOnly(Path file) {
        int fd = libc.open(file.toString(), 0 /* O_RDONLY */ | 02000000 /* O_CLOEXEC */, 0);
        check(fd, "open", q(file) + ", O_RDONLY|O_CLOEXEC");
        return fd;
    }

    /** setsockopt(2) of an int option; {@code names} is how a student would write level and option, e.g. "SOL_NETLINK, NETLINK_EXT_ACK". */
    public void setsockoptInt(int fd, int level, int option, int value, String names) {
        check(libc.setsockopt(fd, level, option, new int[] {value}, 4), "setsockopt", fd + ", " + names + ", " + value);
    }
}
