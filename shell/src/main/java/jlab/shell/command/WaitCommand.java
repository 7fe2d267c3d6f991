package jlab.shell.command;

import java.util.List;
import java.util.concurrent.Callable;

import jlab.engine.EngineException;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jlab wait}: blocks until each container exits, and prints its exit code. */
@Command(name = "wait", description = "Block until one or more containers stop, then print their exit codes.")
public final class WaitCommand implements Callable<Integer> {
    private final Session session;

    @Parameters(paramLabel = "CONTAINER", arity = "1..*", description = "Name, id, or unique id prefix.") List<String> containers;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public WaitCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        int code = 0;
        for (String c : containers) {
            try {
                session.out().println(session.engine().waitFor(c));
            } catch (EngineException e) {
                session.err().println("jlab: " + e.getMessage());
                code = 1;
            }
        }
        return code;
    }
}
