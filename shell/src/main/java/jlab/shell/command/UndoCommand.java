package jlab.shell.command;

import java.util.concurrent.Callable;

import jlab.engine.stepmode.Construction;
import jlab.kernel.KernelException;
import jlab.engine.EngineException;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code undo}: reverts the last applied step where the kernel allows it; otherwise says why not. */
@Command(name = "undo", description = "Revert the last applied step of the container under construction, where the kernel"
        + " allows it (a namespace left by setns, a mount unmounted, a hostname or a limit set back); otherwise say why not.")
public final class UndoCommand implements Callable<Integer> {
    private final Session session;
    private final StepMode stepMode;

    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public UndoCommand(Session session, StepMode stepMode) {
        this.session = session;
        this.stepMode = stepMode;
    }

    @Override
    public Integer call() {
        Construction c = stepMode.require();
        Construction.Undone u;
        try {
            u = c.undoLast();
        } catch (KernelException e) {
            throw new EngineException("undo refused by the kernel: " + KernelAdvice.refusal(e), EngineException.ENGINE_ERROR, e);
        }
        session.out().println(session.colors().green("↶") + " " + session.colors().bold(session.colors().cyan(u.step().name()))
                + " undone: " + u.how());
        return 0;
    }
}
