package jlab.shell.command;

import java.util.concurrent.Callable;

import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jlab container-exited ID}, hidden: not for users. A detached
 * container's supervisor becomes this command (execv) once the container's
 * PID 1 has exited, as podman's conmon runs its --exit-command: it tears the
 * host side down under the container's lock, and applies --restart.
 */
@Command(name = "container-exited", hidden = true, description = "(internal) Tear down a detached container that exited.")
public final class ContainerExitedCommand implements Callable<Integer> {
    private final Session session;

    @Parameters(paramLabel = "ID", arity = "1") String id;

    public ContainerExitedCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        session.engine().containerExited(id);
        return 0;
    }
}
