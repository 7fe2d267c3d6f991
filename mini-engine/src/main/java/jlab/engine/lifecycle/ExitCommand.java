package jlab.engine.lifecycle;

import java.util.List;

/**
 * How a supervisor calls jlab back once its container's PID 1 has exited
 * (podman's --exit-command): the argv of a jlab process that runs
 * {@code container-exited ID}. The shell knows how it was started (java, its
 * class path, its state directory); the engine only passes it on.
 */
@FunctionalInterface
public interface ExitCommand {
    /** No call back: the exit file stays until the next jlab finds it. */
    ExitCommand NONE = id -> List.of();

    List<String> forContainer(String id);
}
