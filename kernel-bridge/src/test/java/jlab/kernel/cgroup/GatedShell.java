package jlab.kernel.cgroup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@code sh -c SCRIPT} that waits for a line on its stdin before it runs
 * SCRIPT. That gap is where a test moves it into a cgroup, so every byte it
 * allocates and every child it forks is charged there: the same order an
 * engine must keep (move the process, then let it exec).
 */
final class GatedShell {
    private final Process process;
    private final Path out;
    private final Path err;

    private GatedShell(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static GatedShell start(Path dir, String script) throws IOException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder("sh", "-c", "read go; " + script)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new GatedShell(p, out, err);
    }

    long pid() {
        return process.pid();
    }

    /** Lets SCRIPT run. */
    void go() throws IOException {
        OutputStream in = process.getOutputStream();
        in.write("go\n".getBytes(StandardCharsets.US_ASCII));
        in.flush();
    }

    /** The exit status, 128 + N for death by signal N; fails if still running after {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("sh still running after " + timeout.toSeconds() + " s; stderr: " + stderr());
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long stdoutBytes() throws IOException {
        return Files.size(out);
    }

    String stdout() throws IOException {
        return Files.readString(out);
    }

    String stderr() {
        try {
            return Files.readString(err);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    void destroy() {
        process.destroyForcibly();
    }
}
