package jlab.shell.command;

import java.util.List;
import java.util.concurrent.Callable;

import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jlab rm}: removes containers, their files and names; a running one only with -f. */
@Command(name = "rm", description = "Remove one or more containers (a running one only with -f, which kills it first).")
public final class RmCommand implements Callable<Integer> {
    private final Session session;

    @Option(names = {"-f", "--force"}, description = "Kill a running container (SIGKILL), then remove it.") boolean force;
    @Parameters(paramLabel = "CONTAINER", arity = "1..*", description = "Name, id, or unique id prefix.") List<String> containers;
    @Option(names = {"-v", "--volumes"}, description = "Remove the container's anonymous volumes too (named volumes stay).") boolean volumes;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public RmCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        return EachContainer.apply(session, containers, c -> session.engine().rm(c, force, volumes));
    }
}
