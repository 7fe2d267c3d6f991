package jlab.shell.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import jlab.engine.plan.StepListener;
import jlab.engine.stepmode.Construction;
import jlab.engine.stepmode.ConstructionExec;
import jlab.kernel.syscall.Syscalls;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code exec CMD} while a container is under construction (the REPL rewrites
 * it to this hidden command): CMD runs in the construction as it stands, with
 * jlab's terminal; jlab waits and returns its exit code.
 */
@Command(name = "construction-exec", hidden = true,
        description = "Run a command in the container under construction, as it stands now.")
public final class ConstructionExecCommand implements Callable<Integer> {
    private final Session session;
    private final StepMode stepMode;

    @Option(names = "--trace", description = "Print each step as it runs, with its time.") boolean trace;
    @Parameters(paramLabel = "COMMAND", arity = "1..*") List<String> command = new ArrayList<>();

    public ConstructionExecCommand(Session session, StepMode stepMode) {
        this.session = session;
        this.stepMode = stepMode;
    }

    @Override
    public Integer call() {
        Construction c = stepMode.require();
        StepListener listener = trace ? new TraceListener(session.err()) : StepListener.NONE;
        if (!c.build().pivoted()) {
            // Say it rather than hide it: what CMD sees of files is still the host's tree.
            session.err().println(session.colors().dim("jlab: before pivot-root the root of " + c.name() + " is still the"
                    + " host's: " + command.get(0) + " runs the host's program, and a /proc mounted by the construction is at "
                    + c.build().paths().rootfs() + "/proc, not /proc"));
        }
        session.out().flush();
        boolean terminal = Syscalls.get().isatty(0); // in a script, stdin is the script: the command gets /dev/null
        try (SignalForwarder forwarder = new SignalForwarder()) {
            int code = ConstructionExec.run(c, command, terminal, forwarder.around(listener));
            System.out.flush();
            return code;
        }
    }
}
