package jlab.kernel.proc;

import static java.util.concurrent.TimeUnit.SECONDS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A real process for the kernel tests, started with plain Linux tools (unshare, sh,
 * sleep), and killed with everything it started when the test closes it.
 */
final class RealProcess implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final Process process;

    private RealProcess(Process process) {
        this.process = process;
    }

    static RealProcess start(String... command) {
        try {
            return new RealProcess(new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Waits until this process has exec'd {@code program} (the JVM starts it through a small spawn helper). */
    RealProcess awaitRunning(String program) {
        await("pid " + pid() + " to run " + program, () -> runs(process.toHandle(), program) ? Optional.of(true) : Optional.empty());
        return this;
    }

    /** Waits for a child of this process that runs {@code program}, and returns its pid. */
    long awaitChild(String program) {
        return await("a child of " + pid() + " running " + program, () -> process.children()
                .filter(child -> runs(child, program)).map(ProcessHandle::pid).findFirst());
    }

    /** Waits for any child of this process and returns its pid. */
    long awaitAnyChild() {
        return await("a child of " + pid(), () -> process.children().map(ProcessHandle::pid).findFirst());
    }

    private static boolean runs(ProcessHandle handle, String program) {
        return handle.info().command().map(c -> c.endsWith("/" + program)).orElse(false);
    }

    /** Polls {@code probe} until it finds something; fails the test after a few seconds. */
    static <T> T await(String what, Supplier<Optional<T>> probe) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> found = probe.get();
            if (found.isPresent()) return found.get();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("gave up waiting for " + what);
    }

    /** Kills the whole tree, children first (once the parent dies they are no longer ours to find). */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.waitFor(10, SECONDS)) throw new AssertionError("pid " + pid() + " survived SIGKILL");
        for (ProcessHandle p : tree) {
            p.onExit().completeOnTimeout(p, 10, SECONDS).join();
            if (p.isAlive()) throw new AssertionError("pid " + p.pid() + " survived SIGKILL");
        }
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean hasUnshare() {
        return Files.isExecutable(Path.of("/usr/bin/unshare")) || Files.isExecutable(Path.of("/bin/unshare"));
    }
}
