package jlab.kernel.cgroup;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for the kernel to catch up: freezing, dying, being reaped. */
final class Poll {
    private Poll() {}

    /** Checks {@code done} every {@code interval} until it holds or {@code timeout} passes; the last answer. */
    static boolean until(Duration timeout, Duration interval, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return done.getAsBoolean();
            }
        }
        return true;
    }
}
