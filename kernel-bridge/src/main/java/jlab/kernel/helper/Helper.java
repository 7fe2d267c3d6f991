package jlab.kernel.helper;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jlab.kernel.KernelException;
import jlab.kernel.syscall.Syscalls;
import jlab.kernel.syscall.WaitStatus;

/**
 * A running native helper, driven one request at a time over a SOCK_SEQPACKET
 * socket (the protocol: {@code src/main/c/helper/README.md}).
 *
 * <pre>
 * try (Helper h = Helper.start(binary, true)) {
 *     h.call("unshare", "uts");        // ok uts=4026532201
 *     h.call("sethostname", "box");
 *     h.exec(List.of("/bin/hostname")); // returns once the command runs
 *     int code = h.waitFor();
 * }
 * </pre>
 *
 * Not thread-safe: one container, one driver.
 */
public final class Helper implements AutoCloseable {
    private static final int MAX_MESSAGE = 64 * 1024;
    private static final int SIGKILL = 9;

    private final Syscalls sys = Syscalls.get();
    private final long pid;
    /** Detached: not our child (it left jlab at start), so it is never waited for here. */
    private final boolean detached;
    private int socket;
    private Integer exitCode;

    private Helper(long pid, int socket, boolean detached) {
        this.pid = pid;
        this.socket = socket;
        this.detached = detached;
    }

    /**
     * Starts the helper in this process's namespaces, with this process's
     * standard streams as its fds 0-2. {@code dieWithParent}: killed if the
     * calling thread ends (prctl PR_SET_PDEATHSIG), so call it from a long-lived thread.
     */
    public static Helper start(HelperBinary binary, boolean dieWithParent) {
        return spawn(binary, dieWithParent ? "--die-with-parent" : null);
    }

    /**
     * Starts the helper detached ({@code --detach}): it forks at once and its
     * first process exits, so it is no child of jlab and outlives it, in a
     * session of its own. Its real pid comes from {@code hello}. It can be
     * signalled, never waited for: its end is reported in files (see
     * {@code supervise} in the protocol).
     */
    public static Helper startDetached(HelperBinary binary) {
        Helper first = spawn(binary, "--detach");
        int code = first.waitFor(); // the parent that forked: it exits 0 at once
        if (code != 0) {
            first.closeSocket();
            throw KernelException.of("jlab-helper", "--detach", "the native helper could not detach (exit code " + code + ")");
        }
        long pid = first.call("hello").getLong("pid");
        Helper h = new Helper(pid, first.socket, true);
        first.socket = -1;
        return h;
    }

    private static Helper spawn(HelperBinary binary, String flag) {
        Syscalls sys = Syscalls.get();
        int[] pair = sys.seqpacketPair();
        List<String> argv = new ArrayList<>();
        argv.add("jlab-helper");
        if (flag != null) argv.add(flag);
        long pid;
        try {
            pid = sys.spawnWithFd3(binary.path().toString(), argv,
                    List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), pair[1]);
        } catch (KernelException e) {
            sys.close(pair[0]);
            throw e;
        } finally {
            sys.close(pair[1]); // the child has its own copy now, as fd 3
        }
        return new Helper(pid, pair[0], false);
    }

    /** The helper's pid on the host. After {@code fork} it is the reaper, and the container's init is its child. */
    public long pid() { return pid; }

    /**
     * Sends one request and returns the reply's values.
     * @throws KernelException if the helper answered {@code err}, or is gone
     */
    public Reply call(String verb, String... args) {
        List<String> request = new ArrayList<>(args.length + 1);
        request.add(verb);
        request.addAll(List.of(args));
        // A pipeline of one: the request and its sync go out together, so an error
        // cannot leave the helper skipping the next request, at no extra round trip.
        return pipeline(List.of(request)).get(0);
    }

    /**
     * Sends several requests at once, then {@code sync}, and reads every reply:
     * one round trip instead of one per request (see "Pipelining" in the
     * protocol). If a request fails, the helper skips the rest; the first
     * failure is thrown once every reply has been read.
     *
     * @param requests each one a verb followed by its arguments
     */
    public List<Reply> pipeline(List<List<String>> requests) {
        for (List<String> r : requests) send(r.get(0), r.subList(1, r.size()));
        send("sync", List.of());
        List<Reply> replies = new ArrayList<>(requests.size());
        KernelException first = null;
        for (int i = 0; i <= requests.size(); i++) {
            byte[] reply = sys.receive(socket, MAX_MESSAGE);
            if (reply == null) {
                throw KernelException.of(requests.get(Math.min(i, requests.size() - 1)).get(0), "",
                        "the native helper exited before answering" + howItEnded());
            }
            try {
                Reply parsed = Reply.parse(new String(reply, StandardCharsets.UTF_8));
                if (i < requests.size()) replies.add(parsed);
            } catch (KernelException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
        return replies;
    }

    /**
     * Asks the helper to exec {@code argv}. Returns when the command runs (the
     * kernel closed the close-on-exec socket: end-of-file); throws the
     * helper's error when exec failed — the helper then exits 127 or 126.
     */
    public void exec(List<String> argv) {
        send("exec", argv);
        byte[] reply = sys.receive(socket, MAX_MESSAGE);
        closeSocket();
        if (reply != null) throw Reply.parseError(new String(reply, StandardCharsets.UTF_8));
    }

    private void send(String verb, List<String> args) {
        if (socket < 0) throw new IllegalStateException("the helper no longer takes requests (it ran exec)");
        ByteArrayOutputStream msg = new ByteArrayOutputStream();
        msg.writeBytes(verb.getBytes(StandardCharsets.UTF_8));
        msg.write(0);
        for (String a : args) {
            msg.writeBytes(a.getBytes(StandardCharsets.UTF_8));
            msg.write(0);
        }
        if (msg.size() > MAX_MESSAGE) throw new IllegalArgumentException("request larger than 64 KiB: " + verb);
        if (!sys.send(socket, msg.toByteArray())) {
            throw KernelException.of(verb, String.join(" ", args),
                    "the native helper is gone" + howItEnded());
        }
    }

    /** Waits for the helper (the reaper, once it forked) and returns its exit code as a shell shows it. */
    public int waitFor() {
        if (detached) throw new IllegalStateException("a detached helper is not jlab's child: its exit is in containers/ID/exit");
        if (exitCode == null) exitCode = new WaitStatus(sys.waitpid(pid)).shellCode();
        return exitCode;
    }

    /** Whether {@link #waitFor} has seen the helper exit (and so, after fork, the whole PID namespace). */
    public boolean exited() { return exitCode != null; }

    /** Sends a signal to the helper process itself. */
    public void signal(int signal) {
        if (exitCode == null) sys.kill(pid, signal);
    }

    private String howItEnded() { return detached ? "" : " (exit code " + waitFor() + ")"; }

    /** Whether it left jlab ({@link #startDetached}). */
    public boolean detached() { return detached; }

    private void closeSocket() {
        if (socket >= 0) {
            sys.close(socket);
            socket = -1;
        }
    }

    /**
     * Ends the conversation. A helper that has not exec'd yet sees end-of-file and
     * exits (125); one that runs a command is killed. Either way it is reaped.
     */
    @Override
    public void close() {
        boolean execd = socket < 0;
        closeSocket();
        // Detached: before exec, end-of-file makes it exit on its own; after, the container lives on.
        if (detached) return;
        if (exitCode == null) {
            if (execd) sys.kill(pid, SIGKILL);
            waitFor();
        }
    }
}
