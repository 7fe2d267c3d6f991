package jlab.kernel.pty;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import jlab.kernel.syscall.Syscalls;
import jlab.kernel.syscall.WaitStatus;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * A program running on a pseudo-terminal, in its own session: what a
 * terminal emulator (xterm, a terminal tab, jlab's web terminal) does.
 *
 * <p>Three small threads serve it: one reads the master and hands the bytes
 * to {@code output}; one types the queued input; one waits for the program
 * to end. None waits in the kernel without a timeout.
 *
 * <p>Ending it ({@link #close}) is the hang-up of a real terminal: close the
 * master and the kernel sends SIGHUP to the session (a shell passes it on to
 * its jobs, and everyone exits); what is still there after a grace period is
 * killed (SIGKILL to the leader's process group and to every process left in
 * the session). The leader is our child: we reap it, so no zombie remains.
 */
public final class PtyProcess implements AutoCloseable {
    /** How much typed input may wait for a program that does not read, before {@link #write} says no. */
    public static final int MAX_PENDING_INPUT = 1 << 20;
    private static final int SIGKILL = 9;
    private static final Duration DRAIN = Duration.ofSeconds(2);

    /** What to run: {@code argv[0]} an absolute path, the environment as NAME=value, the start directory (or null). */
    public record Spec(List<String> argv, List<String> env, Path directory, WindowSize size) {
        public Spec {
            argv = List.copyOf(argv);
            env = List.copyOf(env);
            if (argv.isEmpty() || !argv.get(0).startsWith("/")) {
                throw new IllegalArgumentException("the program must be given by absolute path, not " + argv);
            }
        }
    }

    private final Pty pty;
    private final long pid;
    private final Consumer<byte[]> output;
    private final LinkedBlockingQueue<byte[]> input = new LinkedBlockingQueue<>();
    private final AtomicLong pendingInput = new AtomicLong();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile boolean stopping;
    private final Thread reader;
    private final Thread writer;

    private PtyProcess(Pty pty, long pid, Consumer<byte[]> output) {
        this.pty = pty;
        this.pid = pid;
        this.output = output;
        reader = daemon("pty-read-" + pid, this::readLoop);
        writer = daemon("pty-write-" + pid, this::writeLoop);
        daemon("pty-wait-" + pid, this::awaitExit);
    }

    /** Starts {@code spec} on a new pty; {@code output} gets what it prints, on the reader thread, in order. */
    public static PtyProcess start(Spec spec, Consumer<byte[]> output) {
        Pty pty = Pty.open();
        try {
            pty.resize(spec.size());
            String dir = spec.directory() == null ? null : spec.directory().toString();
            long pid = SessionSpawn.spawn(pty.slavePath(), spec.argv(), spec.env(), dir);
            return new PtyProcess(pty, pid, output);
        } catch (RuntimeException e) {
            pty.close();
            throw e;
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The program's pid: also its session id and its process group id (setsid made it the leader of both). */
    public long pid() { return pid; }

    /** The slave, e.g. /dev/pts/3. */
    public String tty() { return pty.slavePath(); }

    /** Completes with the exit code (as a shell shows it: 128+N for signal N) once the program has ended and its output is read. */
    public CompletableFuture<Integer> exit() { return exit; }

    /** Queues keystrokes; false if the terminal is ending or {@link #MAX_PENDING_INPUT} bytes already wait. */
    public boolean write(byte[] data) {
        if (stopping || data.length == 0) return !stopping;
        if (pendingInput.addAndGet(data.length) > MAX_PENDING_INPUT) {
            pendingInput.addAndGet(-data.length);
            return false;
        }
        input.add(data);
        return true;
    }

    public void resize(WindowSize size) {
        if (!stopping) pty.resize(size);
    }

    private void readLoop() {
        byte[] buf = new byte[32 * 1024];
        while (!stopping) {
            int n = pty.read(buf, 100);
            if (n < 0) return; // no process has the slave open any more
            if (n > 0) deliver(java.util.Arrays.copyOf(buf, n));
        }
    }

    /** A consumer's bug must not stop the reading: the program would block on a full terminal forever. */
    private void deliver(byte[] chunk) {
        try {
            output.accept(chunk);
        } catch (RuntimeException e) {
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, e);
        }
    }

    private void writeLoop() {
        try {
            while (!stopping) {
                byte[] data = input.poll(100, TimeUnit.MILLISECONDS);
                if (data == null) continue;
                pendingInput.addAndGet(-data.length);
                if (!pty.write(data, () -> stopping)) return;
            }
        } catch (InterruptedException e) {
            // close() stops us
        }
    }

    /**
     * Waits for the leader to end. waitid(WNOWAIT) leaves it a zombie for a
     * moment, so its pid — the session's id — cannot be reused while we end
     * what it left behind in the session; waitpid then reaps it.
     */
    private void awaitExit() {
        Pointer siginfo = Memory.allocateDirect(Native.RUNTIME, 128);
        final int pPid = 1;
        final int wExited = 4;
        final int wNoWait = 0x01000000;
        while (Native.LIBC.waitid(pPid, (int) pid, siginfo, wExited | wNoWait) < 0 && Native.errno() == Native.EINTR) {
            // a signal interrupted the wait: wait again
        }
        killSession();
        int code = new WaitStatus(Syscalls.get().waitpid(pid)).shellCode();
        join(reader, DRAIN); // the last output, until the kernel says no slave is open (EIO)
        stopThreads();
        pty.close();
        exit.complete(code);
    }

    private void killSession() {
        Syscalls sys = Syscalls.get();
        sys.kill(-pid, SIGKILL);
        for (long member : SessionMembers.of(Path.of("/proc"), pid)) {
            if (member != pid) sys.kill(member, SIGKILL);
        }
    }

    private void stopThreads() {
        stopping = true;
        writer.interrupt();
        join(writer, DRAIN);
        join(reader, DRAIN);
    }

    private static void join(Thread t, Duration patience) {
        try {
            t.join(patience.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Hangs up: closes the master (the kernel sends SIGHUP to the session),
     * waits up to {@code grace} for the program to end, then kills what is
     * left. Returns once the program is reaped (or after a bounded wait).
     */
    public void close(Duration grace) {
        if (!exit.isDone()) {
            stopThreads();  // no thread of ours uses the master any more: now it may be closed
            pty.close();
            try {
                exit.get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                killSession();
            } catch (Exception e) {
                // interrupted or failed: kill, below
                killSession();
            }
        }
        try {
            exit.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // reaped by the waiter thread as soon as the kernel lets it go
        }
    }

    @Override
    public void close() { close(Duration.ofSeconds(2)); }
}
