package jlab.kernel.pty;

import java.util.List;

import jlab.kernel.KernelException;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * Starts a program in a new session whose controlling terminal is a pty's slave.
 *
 * <p>A <em>session</em> is a group of process groups (a shell's jobs) that
 * share one <em>controlling terminal</em>: the terminal whose Ctrl-C and
 * Ctrl-Z signal their foreground job, which a background job may not read
 * (SIGTTIN), and whose hang-up (SIGHUP) tells them all that the user has
 * gone. A process gets one by becoming a session leader with setsid(2) —
 * which leaves any terminal it had behind — and then opening a terminal
 * that no session owns without {@code O_NOCTTY} (the System V way; the BSD
 * way is ioctl(TIOCSCTTY) on a terminal already open: the same kernel call
 * underneath, tty_open's {@code __proc_set_tty}).
 *
 * <p>A JVM cannot fork safely (a child of a multithreaded process may only
 * call async-signal-safe functions before exec, and Java code is not), so
 * this is done by glibc's posix_spawn, which runs the few steps in the child
 * between clone and exec, in this order: reset every signal to its default
 * and unblock them all (the JVM's handlers and masks are not the program's);
 * setsid ({@code POSIX_SPAWN_SETSID}); then the file actions — open the
 * slave as fd 0 (the session leader's first terminal: it becomes the
 * controlling one), dup it to 1 and 2, close everything from 3 up (the JVM's
 * sockets and files are none of the program's business), chdir — and exec.
 */
final class SessionSpawn {
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final short POSIX_SPAWN_SETSID = 0x80;
    // glibc's sizes on x86_64 (posix_spawnattr_t 336, posix_spawn_file_actions_t 80, sigset_t 128), with room to spare.
    private static final int ATTR_BYTES = 512;
    private static final int ACTIONS_BYTES = 256;
    private static final int SIGSET_BYTES = 256;

    private SessionSpawn() {}

    /** The pid of {@code argv[0]} (an absolute path), running on {@code slavePath} in its own session. */
    static long spawn(String slavePath, List<String> argv, List<String> env, String directory) {
        PtyLibC c = Native.LIBC;
        Pointer attr = Memory.allocateDirect(Native.RUNTIME, ATTR_BYTES);
        Pointer actions = Memory.allocateDirect(Native.RUNTIME, ACTIONS_BYTES);
        Pointer all = Memory.allocateDirect(Native.RUNTIME, SIGSET_BYTES);
        Pointer none = Memory.allocateDirect(Native.RUNTIME, SIGSET_BYTES);
        c.posix_spawnattr_init(attr);
        c.posix_spawn_file_actions_init(actions);
        try {
            c.sigfillset(all);
            c.sigemptyset(none);
            c.posix_spawnattr_setsigdefault(attr, all);
            c.posix_spawnattr_setsigmask(attr, none);
            c.posix_spawnattr_setflags(attr, (short) (POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK));
            // No O_NOCTTY here: opening it is what makes the slave the new session's controlling terminal.
            check(c.posix_spawn_file_actions_addopen(actions, 0, slavePath, Native.O_RDWR, 0), "addopen", slavePath);
            check(c.posix_spawn_file_actions_adddup2(actions, 0, 1), "adddup2", "0, 1");
            check(c.posix_spawn_file_actions_adddup2(actions, 0, 2), "adddup2", "0, 2");
            check(c.posix_spawn_file_actions_addclosefrom_np(actions, 3), "addclosefrom_np", "3");
            if (directory != null) check(c.posix_spawn_file_actions_addchdir_np(actions, directory), "addchdir_np", directory);
            int[] pid = new int[1];
            int error = c.posix_spawn(pid, argv.get(0), actions, attr,
                    argv.toArray(new CharSequence[0]), env.toArray(new CharSequence[0]));
            if (error != 0) throw KernelException.of("posix_spawn", "\"" + argv.get(0) + "\" on " + slavePath, error);
            return pid[0];
        } finally {
            c.posix_spawn_file_actions_destroy(actions);
            c.posix_spawnattr_destroy(attr);
        }
    }

    private static void check(int error, String action, String arguments) {
        if (error != 0) throw KernelException.of("posix_spawn_file_actions_" + action, arguments, error);
    }
}
