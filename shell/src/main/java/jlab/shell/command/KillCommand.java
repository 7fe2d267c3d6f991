package jlab.shell.command;

import java.util.List;
import java.util.concurrent.Callable;

import jlab.engine.EngineException;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jlab kill}: a signal to each container's PID 1 (SIGKILL by default). */
@Command(name = "kill", description = "Send a signal to the PID 1 of one or more running containers (default SIGKILL).")
public final class KillCommand implements Callable<Integer> {
    private final Session session;

    @Option(names = {"-s", "--signal"}, paramLabel = "SIGNAL", description = "KILL, TERM, HUP, INT, USR1... or a number (default KILL).") String signal = "KILL";
    @Parameters(paramLabel = "CONTAINER", arity = "1..*", description = "Name, id, or unique id prefix.") List<String> containers;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public KillCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        int number = Signals.parse(signal);
        return EachContainer.apply(session, containers, c -> session.engine().kill(c, number));
    }

    /** Signal names as kill(1) and Docker take them: KILL, SIGKILL, 9. */
    static final class Signals {
        private static final List<String> NAMES = List.of("HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
                "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP",
                "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");

        private Signals() {}

        static int parse(String s) {
            String name = s.toUpperCase().startsWith("SIG") ? s.substring(3).toUpperCase() : s.toUpperCase();
            if (name.matches("[0-9]+")) {
                int n = Integer.parseInt(name);
                if (n >= 1 && n <= 64) return n;
            } else if (NAMES.contains(name)) {
                return NAMES.indexOf(name) + 1;
            }
            throw new EngineException("invalid signal: " + s + " (a name such as KILL, TERM, HUP, or a number from 1 to 64)");
        }
    }
}
