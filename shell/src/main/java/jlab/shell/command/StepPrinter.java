package jlab.shell.command;

import java.io.PrintStream;
import java.util.Locale;

import jlab.engine.plan.StepListener;
import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Explanation;
import jlab.engine.step.Step;
import jlab.engine.stepmode.KernelState;
import jlab.shell.Colors;

/**
 * Prints each step of step mode as a student reads it: its name, what it does,
 * the syscall and the shell command, then the kernel state it touched, before
 * and after (read from /proc around the step): only what changed, in yellow.
 */
final class StepPrinter implements StepListener {
    private final PrintStream out;
    private final Colors colors;
    private final int total;
    private KernelState before;

    StepPrinter(PrintStream out, Colors colors, int total) {
        this.out = out;
        this.colors = colors;
        this.total = total;
    }

    @Override
    public void before(int index, Step step, ContainerBuild build) {
        before = KernelState.read(build);
        String number = index >= 0 ? " [" + (index + 1) + "/" + total + "]" : " [added]";
        Explanation e = step.explain(build);
        out.println(colors.bold(colors.cyan(step.name())) + colors.dim(number + (step.inHelper() ? "" : "  (on the host)")));
        out.println("  " + e.summary());
        out.println("  syscall: " + e.syscall());
        out.println("  shell:   " + e.shell());
        out.flush(); // the exec step's command writes to the same terminal
    }

    @Override
    public void after(int index, Step step, ContainerBuild build, long nanos) {
        KernelState after = KernelState.read(build);
        if (!before.values().containsKey("process") && after.values().containsKey("process")) {
            // A process appears (the helper): its state is the host's, shown once, not key by key.
            out.println("  process: " + colors.yellow(after.values().get("process")) + ", in the host's namespaces"
                    + " (ns: jlab's own), hostname " + after.values().get("hostname") + ", links " + after.values().get("links"));
            finish(step, build, nanos);
            return;
        }
        for (KernelState.Change c : after.changesSince(before)) {
            String was = c.before() == null ? "" : c.before();
            String now = c.after() == null ? "" : c.after();
            String line = c.before() == null ? "+ " + now : c.after() == null ? "- " + was : was + " → " + now;
            out.println("  " + c.key() + ": " + colors.yellow(line));
        }
        finish(step, build, nanos);
    }

    private void finish(Step step, ContainerBuild build, long nanos) {
        out.println("  " + colors.green("✓") + " " + step.name()
                + colors.dim(String.format(Locale.ROOT, " (%.1f ms)", nanos / 1e6)));
        out.println("  look:    " + step.explain(build).lookAt());
        out.flush();
    }
}
