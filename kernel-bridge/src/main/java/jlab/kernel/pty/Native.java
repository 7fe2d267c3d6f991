package jlab.kernel.pty;

import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/** The C library, loaded once, and the errno of this thread's last call into it. */
final class Native {
    static final PtyLibC LIBC = LibraryLoader.create(PtyLibC.class).load("c");
    static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    // open(2) flags and errno values of Linux x86_64 (asm-generic).
    static final int O_RDWR = 2;
    static final int O_NOCTTY = 0400;
    static final int O_NONBLOCK = 04000;
    static final int O_CLOEXEC = 02000000;
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int EAGAIN = 11;

    private Native() {}

    static int errno() { return LastError.getLastError(RUNTIME); }
}
