package jlab.kernel.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import jlab.kernel.Errnos;
import jlab.kernel.KernelException;

/** Emptying and removing a cgroup, the same way on v1 and v2. */
final class Teardown {
    static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    static final Duration RMDIR_RETRY = Duration.ofSeconds(1);
    private static final int EBUSY = Errnos.number("EBUSY");

    private Teardown() {}

    /** SIGKILL each pid, as {@code kill -9} does. A pid that is gone already is skipped. */
    static void sigkill(List<Long> pids) {
        long self = ProcessHandle.current().pid();
        for (long pid : pids) {
            if (pid == self) {
                throw KernelException.of("kill", "-9 " + pid, "jlab's own process is in this cgroup: it will not kill itself");
            }
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * SIGKILL whatever is in the cgroup, again and again, until it is empty: a
     * process may fork between our reading cgroup.procs and our kill.
     */
    static void killUntilEmpty(String path, Supplier<List<Long>> processes) {
        boolean empty = Poll.until(KILL_TIMEOUT, Duration.ofMillis(10), () -> {
            List<Long> pids = processes.get();
            sigkill(pids);
            return pids.isEmpty();
        });
        if (!empty) {
            throw KernelException.of("kill all", path, "processes " + processes.get() + " survived SIGKILL for "
                    + KILL_TIMEOUT.toSeconds() + " s (stuck in the kernel, state D? or frozen by a v1 freezer)");
        }
    }

    /** Waits until the kernel lists no process in the cgroup (SIGKILL is delivered, death takes a moment). */
    static void awaitEmpty(String path, Supplier<List<Long>> processes) {
        if (!Poll.until(KILL_TIMEOUT, Duration.ofMillis(10), () -> processes.get().isEmpty())) {
            throw KernelException.of("kill all", path, "processes " + processes.get() + " are still in the cgroup after "
                    + KILL_TIMEOUT.toSeconds() + " s");
        }
    }

    /**
     * rmdir of one cgroup directory. Gone already is fine. EBUSY means "populated
     * or has children"; right after the last process died it can be the kernel
     * still finishing that exit, so we retry briefly before blaming the pids left.
     */
    static void rmdir(Path dir, Supplier<List<Long>> processes) {
        long deadline = System.nanoTime() + RMDIR_RETRY.toNanos();
        while (true) {
            try {
                Files.delete(dir);
                return;
            } catch (NoSuchFileException gone) {
                return;
            } catch (IOException e) {
                if (IoErrno.of(e) != EBUSY) {
                    throw CgroupFiles.failure("rmdir", dir, null, e);
                }
                if (System.nanoTime() > deadline || !pause()) {
                    throw busy(dir, processes.get(), e);
                }
            }
        }
    }

    /** Removes the directories a failed create made, deepest first, keeping the original failure. */
    static void removeMade(List<Path> made, RuntimeException failure) {
        for (int i = made.size() - 1; i >= 0; i--) {
            try {
                rmdir(made.get(i), List::of);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private static KernelException busy(Path dir, List<Long> pids, IOException cause) {
        List<String> children = CgroupFiles.subdirectories(dir);
        String hint = !pids.isEmpty() ? "the cgroup still holds processes " + pids + ": kill them first (killAll)"
                : !children.isEmpty() ? "the cgroup still has child cgroups " + children + ": delete them first"
                : "the cgroup is still populated (a process is still exiting): try again";
        KernelException failure = new KernelException("rmdir", dir.toString(), "EBUSY", EBUSY, hint);
        failure.initCause(cause);
        return failure;
    }

    /** Sleeps a little; false if interrupted. */
    private static boolean pause() {
        try {
            Thread.sleep(20);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
