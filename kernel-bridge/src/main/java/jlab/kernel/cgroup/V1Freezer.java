package jlab.kernel.cgroup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import jlab.kernel.KernelException;

/**
 * The v1 freezer: {@code freezer.state} takes FROZEN or THAWED and reads
 * FREEZING while the kernel is still catching tasks, which can take a while
 * (a task in an uninterruptible sleep is caught only when it wakes).
 */
final class V1Freezer {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration BEST_EFFORT = Duration.ofSeconds(1);

    private final String path;
    private final Path dir;

    /** @param dir this cgroup's directory in the freezer tree, or null when freezer is not mounted */
    V1Freezer(String path, Path dir) {
        this.path = path;
        this.dir = dir;
    }

    void freeze() {
        require();
        set("FROZEN", TIMEOUT, true);
    }

    void thaw() {
        require();
        set("THAWED", TIMEOUT, true);
    }

    /** FROZEN: every task is stopped. FREEZING (still catching tasks) is not frozen yet. */
    boolean frozen() {
        return dir != null && Files.exists(dir.resolve("freezer.state"))
                && CgroupFiles.read(dir.resolve("freezer.state")).equals("FROZEN");
    }

    /** Freezes if there is a freezer and it manages within a second; true if frozen. */
    boolean tryFreeze() {
        if (dir == null) {
            return false;
        }
        if (!set("FROZEN", BEST_EFFORT, false)) {
            set("THAWED", TIMEOUT, true);
            return false;
        }
        return true;
    }

    private boolean set(String state, Duration timeout, boolean mustSucceed) {
        Path file = dir.resolve("freezer.state");
        CgroupFiles.write(file, state);
        boolean reached = Poll.until(timeout, Duration.ofMillis(5), () -> CgroupFiles.read(file).equals(state));
        if (!reached && mustSucceed) {
            throw KernelException.of("write", file + ", \"" + state + "\"", "freezer.state still reads "
                    + CgroupFiles.read(file) + " after " + timeout.toSeconds() + " s (a task stuck in the kernel?)");
        }
        return reached;
    }

    private void require() {
        if (dir == null) {
            throw KernelException.of("freeze", path, "the v1 freezer controller is not mounted on this host:"
                    + " mount -t cgroup -o freezer freezer /sys/fs/cgroup/freezer");
        }
    }
}
