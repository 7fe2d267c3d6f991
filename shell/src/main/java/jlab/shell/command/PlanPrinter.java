package jlab.shell.command;

import java.io.PrintStream;
import java.util.List;

import jlab.engine.plan.Plan;
import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Explanation;
import jlab.engine.step.Step;

/** Prints a plan as a student reads it: each step's purpose, syscall, shell command, and what to look at. */
final class PlanPrinter {
    private final PrintStream out;

    PlanPrinter(PrintStream out) { this.out = out; }

    void explain(ContainerBuild build, Plan plan) {
        List<Step> steps = plan.steps();
        out.println("Container " + build.shortId() + " (" + build.name() + "), image " + build.image().name()
                + ": " + steps.size() + " steps");
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            Explanation e = s.explain(build);
            out.printf("%n%2d. %s%s%n", i + 1, s.name(), s.inHelper() ? "" : "  (on the host)");
            out.println("    " + e.summary());
            out.println("    syscall: " + e.syscall());
            out.println("    shell:   " + e.shell());
            out.println("    look:    " + e.lookAt());
        }
    }
}
