package jlab.engine.lifecycle;

import java.util.Optional;

import jlab.engine.state.ContainerPaths;
import jlab.engine.state.ContainerRecord;

/**
 * A container's state as any jlab process finds it: state.json, corrected by
 * the exit file. The supervisor writes the exit file the moment PID 1 exits;
 * the record says "exited" only once a jlab has torn the host side down. In
 * between, the container has exited all the same.
 *
 * @param state    created, running, restarting or exited
 * @param exitCode the last exit code, or null
 * @param since    when it entered that state (ms since the epoch): started, or finished
 */
public record ContainerStatus(String state, Integer exitCode, long since) {

    public static ContainerStatus of(ContainerRecord r, ContainerPaths paths) {
        if (r.detached() && ContainerRecord.RUNNING.equals(r.status())) {
            Optional<ExitFile> exit = ExitFile.read(paths.dir());
            if (exit.isPresent()) {
                return new ContainerStatus(ContainerRecord.EXITED, exit.get().exitCode(), exit.get().finishedAtMillis());
            }
        }
        return switch (r.status()) {
            case ContainerRecord.RUNNING -> new ContainerStatus(r.status(), null, r.startedAt() > 0 ? r.startedAt() : r.created());
            case ContainerRecord.CREATED -> new ContainerStatus(r.status(), r.exitCode(), r.created());
            default -> new ContainerStatus(r.status(), r.exitCode(), r.finishedAt() > 0 ? r.finishedAt() : r.created());
        };
    }

    public boolean running() { return ContainerRecord.RUNNING.equals(state); }
}
