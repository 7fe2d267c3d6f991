package jlab.shell.command;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import jlab.engine.step.Step;
import jlab.engine.stepmode.Construction;
import jlab.shell.Colors;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plan}: the steps of the container under construction: done (✓), the next (▶), those to come. */
@Command(name = "plan", description = "Show the steps of the container under construction: done (✓), the next (▶), to come.")
public final class PlanCommand implements Callable<Integer> {
    private final Session session;
    private final StepMode stepMode;

    @Option(names = {"-v", "--verbose"}, description = "With each step's syscall.") boolean verbose;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public PlanCommand(Session session, StepMode stepMode) {
        this.session = session;
        this.stepMode = stepMode;
    }

    @Override
    public Integer call() {
        Construction c = stepMode.require();
        Colors k = session.colors();
        Optional<Step> next = c.next();
        session.out().println(k.bold(c.name()) + " (" + c.build().image().name() + "): " + c.appliedCount() + " of "
                + c.total() + " steps applied");
        List<Step> steps = c.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String mark = c.isApplied(s) ? k.green("✓") : next.isPresent() && next.get() == s ? k.yellow("▶") : " ";
            String name = c.isApplied(s) ? s.name() : next.isPresent() && next.get() == s ? k.bold(k.cyan(s.name())) : k.dim(s.name());
            session.out().printf(" %s %2d. %s%s%n", mark, i + 1, name,
                    verbose ? k.dim("   " + s.explain(c.build()).syscall()) : "");
        }
        for (Step s : c.applied()) {
            if (!steps.contains(s)) session.out().println(" " + k.green("✓") + "  +  " + s.name() + k.dim("   (added)"));
        }
        return 0;
    }
}
