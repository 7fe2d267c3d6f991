package jlab.kernel.syscall;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a kernel test must leave behind: nothing. No mount under its temporary
 * directories in our mount namespace, and no process it started still there
 * (not even a zombie: /proc/PID stays until someone reaps it).
 */
public final class Leaks {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private Leaks() {}

    /** The mount points in /proc/self/mountinfo (the 5th field) at or under {@code dir}. */
    public static List<String> mountsUnder(Path dir) {
        try {
            String prefix = dir.toRealPath().toString();
            return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .map(line -> line.split(" ")[4])
                    .filter(mountPoint -> mountPoint.equals(prefix) || mountPoint.startsWith(prefix + "/"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void assertNoMountUnder(Path dir) {
        List<String> left = mountsUnder(dir);
        if (!left.isEmpty()) throw new AssertionError("mounts left behind under " + dir + ": " + left);
    }

    /**
     * Waits until /proc/PID is gone: the process ended and was reaped. A process
     * whose parent died is reaped by init a moment later, hence the patience.
     */
    public static void assertProcessGone(long pid) {
        Path proc = Path.of("/proc/" + pid);
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Files.exists(proc)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("process " + pid + " is still there: " + state(proc));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for process " + pid + " to go");
            }
        }
    }

    private static String state(Path proc) {
        try {
            return Files.readAllLines(proc.resolve("status")).stream()
                    .filter(l -> l.startsWith("Name:") || l.startsWith("State:") || l.startsWith("PPid:"))
                    .toList().toString();
        } catch (IOException e) {
            return "(gone while we looked)";
        }
    }
}
