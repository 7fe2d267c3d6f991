package jlab.kernel.syscall;

import jnr.ffi.annotations.SaveError;

/**
 * The C library functions jnr-posix does not bind: the container primitives.
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

    @SaveError int prctl(int option, long arg2, long arg3, long arg4, long arg5);

    @SaveError int open(String path, int flags, int mode);

    @SaveError int close(int fd);

    int gettid();

    int isatty(int fd);

    int geteuid();

    /**
     * glibc has no pivot_root() wrapper: the raw system call, {@code syscall(SYS_pivot_root, new, old)}.
     * On x86_64 the variadic call passes its arguments in the same registers as a plain one.
     */
    @SaveError long syscall(long number, String arg1, String arg2);
}
