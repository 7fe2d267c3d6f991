package jlab.shell.command;

import java.util.List;
import java.util.concurrent.Callable;

import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jlab stop}: SIGTERM to each container's PID 1, then SIGKILL after the
 * grace period. PID 1 of a PID namespace gets only the signals it has a
 * handler for: a command that does not handle SIGTERM ends by the SIGKILL.
 */
@Command(name = "stop", description = "Stop one or more running containers: SIGTERM, then SIGKILL after the grace period.")
public final class StopCommand implements Callable<Integer> {
    private final Session session;

    @Option(names = {"-t", "--time", "--timeout"}, paramLabel = "SECONDS", description = "Seconds to wait before SIGKILL (default 10).") int seconds = 10;
    @Parameters(paramLabel = "CONTAINER", arity = "1..*", description = "Name, id, or unique id prefix.") List<String> containers;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public StopCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        return EachContainer.apply(session, containers, c -> session.engine().stop(c, Math.max(0, seconds)));
    }
}
