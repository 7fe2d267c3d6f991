package jlab.shell.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import jlab.engine.EngineException;
import jlab.engine.plan.StepListener;
import jlab.engine.running.Exec;
import jlab.engine.running.ExecOptions;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jlab exec}: Docker's verb: a new process in a running container's namespaces and cgroup. */
@Command(name = "exec", sortOptions = false,
        description = "Run a command in a running container, and exit with its exit code.",
        customSynopsis = "jlab exec [OPTIONS] CONTAINER COMMAND [ARG...]",
        footer = {"", "Examples:",
                "  jlab exec box ps                 # the container's processes, from inside",
                "  jlab exec -it box sh             # a shell in it",
                "  jlab exec --explain box true     # every step (setns, fork, cgroup, caps...), nothing run"})
public final class ExecCommand implements Callable<Integer> {
    private final Session session;

    @Option(names = {"-i", "--interactive"}, description = "Keep standard input open.") boolean interactive;
    @Option(names = {"-t", "--tty"}, description = "Give the command a terminal.") boolean tty;
    @Option(names = {"-d", "--detach"}, description = "Run the command in the background.") boolean detach;
    @Option(names = {"-e", "--env"}, paramLabel = "NAME[=VALUE]", description = "Set an environment variable (after the container's).") List<String> env = new ArrayList<>();
    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory (default: the container's).") String workdir;
    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]", description = "Run as this user (default: the container's).") String user;
    @Option(names = "--explain", description = "Print every step (syscall, shell command, what to look at) and run nothing.") boolean explain;
    @Option(names = "--trace", description = "Print each step as it runs, with its time.") boolean trace;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    @Parameters(paramLabel = "CONTAINER COMMAND", arity = "0..*") List<String> positional = new ArrayList<>();

    public ExecCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        if (positional.size() < 2) {
            throw new EngineException("\"jlab exec\" requires a container and a command: jlab exec [OPTIONS] CONTAINER COMMAND [ARG...]");
        }
        ExecOptions options = new ExecOptions(positional.subList(1, positional.size()), env, workdir, user,
                interactive, tty, detach);
        Exec exec = new Exec(session.engine());
        Exec.Prepared prepared = exec.prepare(positional.get(0), options);
        if (explain) {
            new PlanPrinter(session.out()).explain(prepared.build(), prepared.plan());
            return 0;
        }
        StepListener listener = trace ? new TraceListener(session.err()) : StepListener.NONE;
        session.out().flush();
        try (SignalForwarder forwarder = new SignalForwarder()) {
            return exec.run(prepared, detach ? listener : forwarder.around(listener));
        }
    }
}
