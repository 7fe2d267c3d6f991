package jlab.engine.running;

import jlab.engine.EngineException;

/**
 * {@code jlab pause} and {@code unpause}: the cgroup freezer. Pausing stops
 * every process of the container where it stands, without a signal it could
 * see or handle (unlike SIGSTOP): v2 writes 1 to {@code cgroup.freeze}, v1
 * FROZEN to {@code freezer.state}; the kernel catches each task at its next
 * return to user space. Unpausing lets them go on as if nothing happened,
 * except the clock.
 */
public final class Freezer {
    private Freezer() {}

    public static void pause(LiveContainer c) {
        c.requireRunning();
        if (c.paused()) throw new EngineException("Container " + c.record().id() + " is already paused", LiveContainer.REFUSED);
        c.requireCgroup().freeze();
    }

    public static void unpause(LiveContainer c) {
        c.requireRunning();
        if (!c.paused()) throw new EngineException("Container " + c.record().id() + " is not paused", LiveContainer.REFUSED);
        c.requireCgroup().thaw();
    }
}
