package jlab.shell.command;

import java.util.List;
import java.util.concurrent.Callable;

import jlab.engine.plan.StepListener;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jlab restart}: stop (SIGTERM, grace, SIGKILL), then start again, detached. */
@Command(name = "restart", description = "Restart one or more containers: stop, then start.")
public final class RestartCommand implements Callable<Integer> {
    private final Session session;

    @Option(names = {"-t", "--time", "--timeout"}, paramLabel = "SECONDS", description = "Seconds to wait before SIGKILL (default 10).") int seconds = 10;
    @Parameters(paramLabel = "CONTAINER", arity = "1..*", description = "Name, id, or unique id prefix.") List<String> containers;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public RestartCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        return EachContainer.apply(session, containers, c -> session.engine().restart(c, Math.max(0, seconds), StepListener.NONE));
    }
}
