package jlab.shell.command;

import java.util.concurrent.Callable;

import jlab.engine.state.ContainerRecord;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jlab create}: a container's record, config and name; {@code jlab start} runs it. */
@Command(name = "create", sortOptions = false,
        description = "Create a container without starting it (jlab start runs it, detached); print its id.",
        customSynopsis = {"jlab create [OPTIONS] IMAGE [COMMAND] [ARG...]"})
public final class CreateCommand extends ContainerFlags implements Callable<Integer> {
    private final Session session;

    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public CreateCommand(Session session) { this.session = session; }

    @Override
    String verb() { return "create"; }

    @Override
    boolean detached() { return true; }

    @Override
    public Integer call() {
        ContainerRecord r = session.engine().create(spec());
        session.out().println(r.id());
        return 0;
    }
}
