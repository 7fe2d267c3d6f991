package jlab.shell.command;

import java.util.List;
import java.util.concurrent.Callable;

import jlab.engine.plan.StepListener;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jlab start}: runs created (or exited) containers, detached. */
@Command(name = "start", description = "Start one or more created or stopped containers, in the background.")
public final class StartCommand implements Callable<Integer> {
    private final Session session;

    @Parameters(paramLabel = "CONTAINER", arity = "1..*", description = "Name, id, or unique id prefix.") List<String> containers;
    @Option(names = "--trace", description = "Print each step as it runs, with its time.") boolean trace;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public StartCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        StepListener listener = trace ? new TraceListener(session.err()) : StepListener.NONE;
        return EachContainer.apply(session, containers, c -> {
            session.engine().start(c, listener);
            session.startedHere(session.engine().find(c).id()); // leaving the prompt offers to stop it
        });
    }
}
