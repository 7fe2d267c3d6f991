package jlab.kernel.syscall;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/**
 * The C library functions jlab calls from the JVM: the container primitives,
 * and the few process and socket calls the engine needs to drive its helper.
 * Loaded by {@link Syscalls}; use that class, which checks every return value.
 *
 * Each method is the libc wrapper of the system call of the same name
 * (see its man page, section 2). {@code @SaveError} asks jnr-ffi to keep errno
 * right after the call, before the JVM can overwrite it.
 */
public interface LibC {
    @SaveError int unshare(int flags);

    @SaveError int setns(int fd, int nstype);

    @SaveError int mount(String source, String target, String fstype, long flags, String data);

    @SaveError int umount2(String target, int flags);

    @SaveError int chroot(String path);

    @SaveError int sethostname(String name, long length);

    @SaveError int gethostname(byte[] name, long length);

    @SaveError int mknod(String path, int mode, long dev);

    /** Extended attributes of a path, not following a final symlink: overlayfs keeps its own under "trusted.overlay.". */
    @SaveError long lgetxattr(String path, String name, @Out byte[] value, long size);

    @SaveError int lsetxattr(String path, String name, @In byte[] value, long size, int flags);

    @SaveError int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    @SaveError int open(String path, int flags, int mode);

    @SaveError int close(int fd);

    int gettid();

    @SaveError int kill(int pid, int signal);

    @SaveError int waitpid(int pid, @Out int[] status, int options);

    @SaveError int socketpair(int domain, int type, int protocol, @Out int[] fds);

    @SaveError long read(int fd, @Out byte[] buf, long count);

    @SaveError long send(int fd, @In byte[] buf, long count, int flags);

    @SaveError int socket(int domain, int type, int protocol);

    @SaveError int setsockopt(int fd, int level, int optname, @In int[] optval, int optlen);

    /** posix_spawn_file_actions_t is opaque: 80 bytes in glibc; {@link Syscalls} gives it room to spare. */
    int posix_spawn_file_actions_init(Pointer actions);

    int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newfd);

    int posix_spawn_file_actions_destroy(Pointer actions);

    /** Returns an error number (not -1 and errno): posix_spawn reports failure that way. */
    int posix_spawn(@Out int[] pid, String path, Pointer fileActions, Pointer attributes,
                    @In CharSequence[] argv, @In CharSequence[] envp);

    int isatty(int fd);

    int geteuid();

    /**
     * glibc has no pivot_root() wrapper: the raw system call, {@code syscall(SYS_pivot_root, new, old)}.
     * On x86_64 the variadic call passes its arguments in the same registers as a plain one.
     */
    @SaveError long syscall(long number, String arg1, String arg2);
}
