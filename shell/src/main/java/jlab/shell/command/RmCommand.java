package jlab.shell.command;

import java.util.List;
import java.util.concurrent.Callable;

import jlab.engine.EngineException;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jlab rm}: removes exited containers, their files and names. */
@Command(name = "rm", description = "Remove one or more exited containers.")
public final class RmCommand implements Callable<Integer> {
    private final Session session;

    @Parameters(paramLabel = "CONTAINER", arity = "1..*", description = "Name, id, or unique id prefix.") List<String> containers;
    @Option(names = {"-v", "--volumes"}, description = "Remove the container's anonymous volumes too (named volumes stay).") boolean volumes;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public RmCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        int code = 0;
        for (String c : containers) {
            try {
                session.engine().rm(c, volumes);
                session.out().println(c);
            } catch (EngineException e) {
                session.err().println("jlab: " + e.getMessage());
                code = 1;
            }
        }
        return code;
    }
}
