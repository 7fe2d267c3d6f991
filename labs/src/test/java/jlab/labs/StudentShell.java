package jlab.labs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a student leaves running on the host, made with plain Linux tools
 * ({@code unshare}, {@code hostname}, {@code mkdir} and {@code echo} into
 * cgroup files) by a real shell — never by jlab's own code — so a lab test
 * proves that such work counts.
 */
final class StudentShell implements AutoCloseable {
    private final Process process;

    private StudentShell(Process process) {
        this.process = process;
    }

    /** Runs {@code sh -c SCRIPT}; the script should end in {@code exec sleep N} to stay running. */
    static StudentShell start(String... command) {
        try {
            Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return new StudentShell(p);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + List.of(command), e);
        }
    }

    static StudentShell sh(String script) { return start("sh", "-c", script); }

    long pid() { return process.pid(); }

    /**
     * Waits until the process has become {@code command} (its /proc/PID/comm),
     * 2 s at most. {@code unshare ... sleep 60} is "unshare" until it execs:
     * the namespace exists before the program the checks will name does.
     */
    StudentShell becomes(String command) throws InterruptedException {
        Path comm = Path.of("/proc/" + pid() + "/comm");
        for (int i = 0; i < 200; i++) {
            try {
                if (Files.readString(comm).strip().equals(command)) return this;
            } catch (IOException gone) {
                throw new IllegalStateException("pid " + pid() + " ended before it became " + command);
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("pid " + pid() + " did not become " + command + " within 2 s");
    }

    boolean alive() { return process.isAlive(); }

    /** Waits until the process exited by itself (a reset killed it); false after the timeout. */
    boolean exited(long millis) throws InterruptedException {
        return process.waitFor(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }
}
