package jlab.engine.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Step;

/**
 * An ordered list of steps, and how far it got. {@code run} applies them all;
 * the REPL applies them one at a time. Either way, when the container is done
 * (or a step fails), the applied steps are undone in reverse order.
 */
public final class Plan {
    private final List<Step> steps;
    private int applied;

    public Plan(List<Step> steps) { this.steps = List.copyOf(steps); }

    public List<Step> steps() { return steps; }

    /** How many steps have been applied. */
    public int applied() { return applied; }

    public boolean done() { return applied == steps.size(); }

    /** Applies the next step; on failure the step still counts as applied, so that its undo cleans up its partial effect. */
    public Step applyNext(ContainerBuild build, StepListener listener) {
        Step step = steps.get(applied);
        listener.before(applied, step, build);
        long t0 = System.nanoTime();
        try {
            step.apply(build);
        } finally {
            // A step that failed half-way may have made something (a helper process, a directory):
            // count it as applied so that undo sees it. Every undo tolerates a half-done apply.
            applied++;
        }
        listener.after(applied - 1, step, build, System.nanoTime() - t0);
        return step;
    }

    public void applyAll(ContainerBuild build, StepListener listener) {
        while (!done()) applyNext(build, listener);
    }

    /**
     * Undoes every step, as if all had been applied: the teardown of a container
     * made by another process, from a build rebuilt from its config.json. Each
     * undo tolerates a step that never ran or half ran.
     */
    public void undoAll(ContainerBuild build, Predicate<Step> which) {
        applied = steps.size();
        undoApplied(build, which);
    }

    /**
     * Undoes every applied step that {@code which} accepts, last first. Each
     * undo runs even if an earlier one failed; the first failure is rethrown
     * at the end, with the others attached.
     */
    public void undoApplied(ContainerBuild build, Predicate<Step> which) {
        RuntimeException first = null;
        List<Step> done = new ArrayList<>(steps.subList(0, applied));
        for (int i = done.size() - 1; i >= 0; i--) {
            if (!which.test(done.get(i))) continue;
            try {
                done.get(i).undo(build);
            } catch (RuntimeException e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        applied = 0;
        if (first != null) throw first;
    }
}
