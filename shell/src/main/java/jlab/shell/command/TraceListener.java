package jlab.shell.command;

import java.io.PrintStream;
import java.util.Locale;

import jlab.engine.plan.StepListener;
import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Step;

/** {@code --trace}: one line per step as it runs, with its time, on standard error. */
final class TraceListener implements StepListener {
    private final PrintStream err;

    TraceListener(PrintStream err) { this.err = err; }

    @Override
    public void after(int index, Step step, ContainerBuild build, long nanos) {
        err.printf(Locale.ROOT, "jlab: [%2d] %-18s %7.3f ms  %s%n", index + 1, step.name(), nanos / 1e6,
                step.explain(build).syscall());
    }
}
