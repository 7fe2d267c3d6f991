package jlab.shell.command;

import java.util.List;
import java.util.concurrent.Callable;

import jlab.engine.EngineException;
import jlab.engine.running.Freezer;
import jlab.engine.running.LiveContainer;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jlab pause} and {@code jlab unpause}: the cgroup freezer, as Docker's verbs. */
public final class PauseCommand {
    private PauseCommand() {}

    @Command(name = "pause", description = "Freeze every process of running containers (the cgroup freezer).")
    public static final class Pause extends Base {
        public Pause(Session session) { super(session); }

        @Override void apply(LiveContainer c) { Freezer.pause(c); }
    }

    @Command(name = "unpause", description = "Let the processes of paused containers run again.")
    public static final class Unpause extends Base {
        public Unpause(Session session) { super(session); }

        @Override void apply(LiveContainer c) { Freezer.unpause(c); }
    }

    abstract static class Base implements Callable<Integer> {
        private final Session session;

        @Parameters(paramLabel = "CONTAINER", arity = "1..*", description = "Name, id, or unique id prefix.") List<String> containers;
        @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

        Base(Session session) { this.session = session; }

        abstract void apply(LiveContainer c);

        /** Each container in turn; a failure is one line, and the others are still done (Docker's exit code: 1). */
        @Override
        public Integer call() {
            int code = 0;
            for (String c : containers) {
                try {
                    apply(LiveContainer.find(session.engine(), c));
                    session.out().println(c);
                } catch (EngineException e) {
                    session.err().println("jlab: " + e.getMessage());
                    code = LiveContainer.REFUSED;
                }
            }
            return code;
        }
    }
}
