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

    private final StepMode stepMode;

    public RmCommand(Session session) { this(session, null); }

    public RmCommand(Session session, StepMode stepMode) {
        this.session = session;
        this.stepMode = stepMode;
    }

    @Override
    public Integer call() {
        return EachContainer.apply(session, containers, c -> {
            if (stepMode != null && stepMode.names(c)) {
                // A container under construction: every applied step undone, last first; nothing left.
                if (!force) {
                    throw new jlab.engine.EngineException("cannot remove container \"" + c + "\": it is under construction:"
                            + " abandon it with rm -f " + c + " (every step undone)", 1);
                }
                stepMode.abandon();
                return;
            }
            session.engine().rm(c, force, volumes);
        });
    }
}
