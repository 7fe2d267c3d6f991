package jlab.kernel.pty;

import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

import jlab.kernel.KernelException;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * A pseudo-terminal: a pair of character devices that behave like the two
 * ends of a serial line with a terminal on it. The <em>master</em> (this
 * object's descriptor) is the terminal emulator's end — here, jlab's web
 * terminal: what it writes arrives as if typed on a keyboard, and it reads
 * what programs print. The <em>slave</em>, {@code /dev/pts/N}, is what
 * programs see as their terminal: a shell's stdin, stdout and stderr.
 *
 * <p>Between the two sits the kernel's line discipline (n_tty): it echoes
 * what is typed, turns Ctrl-C into SIGINT for the foreground process group,
 * buffers lines in canonical mode — all of which {@code stty -a} shows and
 * changes. And the kernel keeps the window size ({@link #resize}).
 *
 * <p>The master is opened with {@code O_NOCTTY} (it must never become the
 * JVM's own controlling terminal), {@code O_CLOEXEC} (no child inherits it:
 * if one did, closing ours would not hang the terminal up) and
 * {@code O_NONBLOCK} (no thread of ours waits in the kernel without a
 * timeout: it polls, and can be told to stop).
 */
public final class Pty implements AutoCloseable {
    private static final long TIOCGWINSZ = 0x5413;
    private static final long TIOCSWINSZ = 0x5414;
    private static final short POLLIN = 0x1;
    private static final short POLLOUT = 0x4;

    private final int master;
    private final String slavePath;
    private final Pointer readPoll = Memory.allocateDirect(Native.RUNTIME, 8);
    private final Pointer writePoll = Memory.allocateDirect(Native.RUNTIME, 8);
    private boolean closed;

    private Pty(int master, String slavePath) {
        this.master = master;
        this.slavePath = slavePath;
    }

    /** posix_openpt, grantpt, unlockpt, ptsname: a new pseudo-terminal, its slave unlocked and not yet opened. */
    public static Pty open() {
        PtyLibC c = Native.LIBC;
        int fd = c.posix_openpt(Native.O_RDWR | Native.O_NOCTTY | Native.O_CLOEXEC | Native.O_NONBLOCK);
        if (fd < 0) throw KernelException.of("posix_openpt", "O_RDWR|O_NOCTTY|O_CLOEXEC|O_NONBLOCK", Native.errno());
        try {
            if (c.grantpt(fd) < 0) throw KernelException.of("grantpt", String.valueOf(fd), Native.errno());
            if (c.unlockpt(fd) < 0) throw KernelException.of("unlockpt", String.valueOf(fd), Native.errno());
            byte[] name = new byte[64];
            int error = c.ptsname_r(fd, name, name.length);
            if (error != 0) throw KernelException.of("ptsname_r", String.valueOf(fd), error);
            int n = 0;
            while (n < name.length && name[n] != 0) n++;
            return new Pty(fd, new String(name, 0, n, StandardCharsets.US_ASCII));
        } catch (RuntimeException e) {
            c.close(fd);
            throw e;
        }
    }

    /** The slave's path, e.g. {@code /dev/pts/3}: what {@code tty} prints in the terminal. */
    public String slavePath() { return slavePath; }

    /**
     * Reads what the programs printed: up to {@code buf.length} bytes, waiting
     * at most {@code timeoutMillis}. Returns the count, 0 if nothing came in
     * time, or -1 once no process has the slave open any more: then the
     * kernel answers EIO, the terminal's "end of file".
     */
    public int read(byte[] buf, int timeoutMillis) {
        if (!await(readPoll, POLLIN, timeoutMillis)) return 0;
        long n = Native.LIBC.read(master, buf, buf.length);
        if (n > 0) return (int) n;
        if (n == 0) return -1;
        int e = Native.errno();
        if (e == Native.EAGAIN || e == Native.EINTR) return 0;
        if (e == Native.EIO) return -1;
        throw KernelException.of("read", "pty master " + master, e);
    }

    /**
     * Types {@code data} into the terminal, all of it. When the programs do
     * not read, the kernel's input buffer fills (about 4 KiB) and the write
     * waits — until they read, the slave side closes (false), or {@code stop}
     * says to give up (false).
     */
    public boolean write(byte[] data, BooleanSupplier stop) {
        int off = 0;
        while (off < data.length) {
            if (stop.getAsBoolean()) return false;
            byte[] rest = off == 0 ? data : java.util.Arrays.copyOfRange(data, off, data.length);
            long n = Native.LIBC.write(master, rest, rest.length);
            if (n > 0) {
                off += (int) n;
                continue;
            }
            int e = Native.errno();
            if (e == Native.EIO) return false;
            if (e != Native.EAGAIN && e != Native.EINTR) throw KernelException.of("write", "pty master " + master, e);
            await(writePoll, POLLOUT, 100);
        }
        return true;
    }

    /** Whether the master becomes ready for {@code events} within the timeout (a hang-up counts: read or write tells). */
    private boolean await(Pointer pollfd, short events, int timeoutMillis) {
        pollfd.putInt(0, master);
        pollfd.putShort(4, events);
        pollfd.putShort(6, (short) 0);
        int r = Native.LIBC.poll(pollfd, 1, timeoutMillis);
        if (r < 0) {
            int e = Native.errno();
            if (e == Native.EINTR) return false;
            throw KernelException.of("poll", "pty master " + master, e);
        }
        return r > 0;
    }

    /**
     * ioctl(TIOCSWINSZ): the kernel records the new size and sends SIGWINCH
     * to the terminal's foreground process group, which redraws (a shell's
     * line editor, vi, top).
     */
    public void resize(WindowSize size) {
        Pointer ws = Memory.allocateDirect(Native.RUNTIME, 8);
        ws.putShort(0, (short) size.rows()); // struct winsize { ws_row, ws_col, ws_xpixel, ws_ypixel }
        ws.putShort(2, (short) size.cols());
        ws.putShort(4, (short) 0);
        ws.putShort(6, (short) 0);
        if (Native.LIBC.ioctl(master, TIOCSWINSZ, ws) < 0) {
            throw KernelException.of("ioctl", master + ", TIOCSWINSZ, {" + size.rows() + " rows, " + size.cols() + " cols}", Native.errno());
        }
    }

    /** ioctl(TIOCGWINSZ): the size the kernel has for this terminal. */
    public WindowSize size() {
        Pointer ws = Memory.allocateDirect(Native.RUNTIME, 8);
        if (Native.LIBC.ioctl(master, TIOCGWINSZ, ws) < 0) {
            throw KernelException.of("ioctl", master + ", TIOCGWINSZ", Native.errno());
        }
        return new WindowSize(ws.getShort(2) & 0xffff, ws.getShort(0) & 0xffff);
    }

    /**
     * Closes the master. When the last descriptor of a master closes, the
     * kernel hangs the terminal up: the slave's session leader (and its
     * foreground process group) get SIGHUP — "your terminal is gone", as when
     * a modem dropped the line — and every later read or write of the slave
     * fails. Only call it when no thread of ours uses the descriptor any more:
     * the number could be handed to the next file the JVM opens.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        Native.LIBC.close(master);
    }
}
