package jlab.kernel.pty;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/**
 * The C library calls behind a pseudo-terminal, bound through jnr-ffi as
 * {@code jlab.kernel.syscall.LibC} binds the container primitives. Use
 * {@link Pty} and {@link PtyProcess}, which check every return value.
 *
 * <p>Sizes ({@code size_t}, {@code ssize_t}) are {@code long}; C structs
 * ({@code struct pollfd}, {@code struct winsize}, {@code posix_spawnattr_t})
 * are {@link Pointer}s to memory laid out by the caller.
 */
public interface PtyLibC {
    /** Opens /dev/ptmx: a new master, whose slave appears as /dev/pts/N. */
    @SaveError int posix_openpt(int flags);

    /** Gives the slave to the caller's uid with mode 0620 (a no-op on Linux's devpts, kept for POSIX). */
    @SaveError int grantpt(int fd);

    /** Unlocks the slave: until then, opening /dev/pts/N fails (EIO), so nobody grabs it half set up. */
    @SaveError int unlockpt(int fd);

    /** The slave's path, "/dev/pts/N"; returns an error number (not -1 and errno). */
    int ptsname_r(int fd, @Out byte[] buf, long length);

    @SaveError int ioctl(int fd, long request, Pointer argument);

    @SaveError int poll(Pointer fds, long count, int timeoutMillis);

    @SaveError long read(int fd, @Out byte[] buf, long count);

    @SaveError long write(int fd, @In byte[] buf, long count);

    @SaveError int open(String path, int flags, int mode);

    @SaveError int close(int fd);

    /** Waits for a child's state change; with WNOWAIT it leaves the child a zombie, its pid still taken. */
    @SaveError int waitid(int idType, int id, Pointer siginfo, int options);

    int sigemptyset(Pointer set);

    int sigfillset(Pointer set);

    int posix_spawnattr_init(Pointer attributes);

    int posix_spawnattr_destroy(Pointer attributes);

    int posix_spawnattr_setflags(Pointer attributes, short flags);

    int posix_spawnattr_setsigmask(Pointer attributes, Pointer set);

    int posix_spawnattr_setsigdefault(Pointer attributes, Pointer set);

    int posix_spawn_file_actions_init(Pointer actions);

    int posix_spawn_file_actions_destroy(Pointer actions);

    int posix_spawn_file_actions_addopen(Pointer actions, int fd, String path, int flags, int mode);

    int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newfd);

    /** glibc 2.34: closes every descriptor from {@code from} up, in the child. */
    int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int from);

    /** glibc 2.29: chdir in the child before its exec. */
    int posix_spawn_file_actions_addchdir_np(Pointer actions, String path);

    /** Returns an error number (not -1 and errno): posix_spawn reports failure that way. */
    int posix_spawn(@Out int[] pid, String path, Pointer fileActions, Pointer attributes,
                    @In CharSequence[] argv, @In CharSequence[] envp);
}
