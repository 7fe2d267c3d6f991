package jlab.engine.stepmode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import jlab.engine.EngineException;
import jlab.engine.RunResult;
import jlab.engine.plan.Plan;
import jlab.engine.plan.StepListener;
import jlab.engine.state.ContainerRecord;
import jlab.engine.state.ContainerStore;
import jlab.engine.step.CgroupStep;
import jlab.engine.step.ContainerBuild;
import jlab.engine.step.ContainerDirStep;
import jlab.engine.step.ExecStep;
import jlab.engine.step.HostnameStep;
import jlab.engine.step.StartHelperStep;
import jlab.engine.step.Step;

/**
 * A container under construction: {@code run}'s very plan ({@link jlab.engine.plan.RunPlan}),
 * applied one step at a time by a student. It is recorded before anything is
 * made (state.json CREATED, owned by this jlab; config.json; its name), so a
 * jlab that crashes half-way leaves nothing {@code jlab gc} cannot undo: the
 * helper is a foreground one, and dies with jlab (PR_SET_PDEATHSIG).
 *
 * <p>Steps may be applied out of the plan's order when the kernel allows it
 * ({@link Prerequisites}); the order they were applied in is kept, so that
 * undo and teardown go back last first, as {@link Plan#undoApplied} does.
 */
public final class Construction {
    private final ContainerBuild build;
    private final List<Step> steps;
    private final List<Step> applied = new ArrayList<>();
    private final ContainerStore store;
    private final Consumer<ContainerRecord> delete;
    /** While under construction: a crash is collected by gc as a --rm container (nothing of it kept). */
    private final ContainerRecord record;
    /** Once its command runs: with the spec's own --rm, as run records it. */
    private final ContainerRecord runRecord;
    /** The hostname each applied hostname step replaced: what its undo sets back. */
    private final Map<Step, String> hostnamesBefore = new HashMap<>();
    private boolean ended;

    /** Made by {@link jlab.engine.Engine#construct}: the record is saved already. */
    public Construction(ContainerBuild build, Plan plan, ContainerStore store, ContainerRecord record,
                        ContainerRecord runRecord, Consumer<ContainerRecord> delete) {
        this.build = build;
        this.steps = new ArrayList<>(plan.steps());
        this.store = store;
        this.record = record;
        this.runRecord = runRecord;
        this.delete = delete;
    }

    public ContainerBuild build() { return build; }

    public String name() { return build.name(); }

    public String id() { return build.id(); }

    /** The plan's steps, in the plan's order (a named hostname replaces the plan's). */
    public List<Step> steps() { return List.copyOf(steps); }

    /** Every step applied, in the order applied: the plan's, and the added ones (cgroup limits). */
    public List<Step> applied() { return List.copyOf(applied); }

    public boolean isApplied(Step s) { return applied.contains(s); }

    /** Whether a step of that name is applied (the prerequisites name steps). */
    public boolean isAppliedNamed(String stepName) { return applied.stream().anyMatch(s -> s.name().equals(stepName)); }

    /** How many of the plan's steps are applied: the "3" of "[box: 3/34]". */
    public int appliedCount() { return (int) steps.stream().filter(applied::contains).count(); }

    public int total() { return steps.size(); }

    /** Whether it is over: run to its exit, or abandoned. */
    public boolean ended() { return ended; }

    /** The first step of the plan not applied yet. */
    public Optional<Step> next() { return steps.stream().filter(s -> !applied.contains(s)).findFirst(); }

    /** The plan's step of that name, if any. */
    public Optional<Step> find(String stepName) {
        return steps.stream().filter(s -> s.name().equals(stepName)).findFirst();
    }

    /** The cgroup path relative to the hierarchy's root, once the cgroup exists; else null. */
    public String cgroupPath() { return build.cgroup() == null ? null : CgroupStep.cgroupPath(build); }

    /** {@code new}: the steps up to and including the helper, which then waits, still in the host's namespaces. */
    public void begin(StepListener listener) {
        while (true) {
            Step s = next().orElseThrow();
            apply(s, listener);
            if (s instanceof StartHelperStep) return;
        }
    }

    /**
     * Applies one step, after checking its prerequisites. If the kernel refuses
     * it, whatever it half made is undone at once and it is not counted: the
     * construction stays as it was, and the next {@code step} still works.
     * The exec step runs the command to its exit ({@link #runToExit}): its result then.
     */
    public Optional<RunResult> apply(Step step, StepListener listener) {
        requireOpen();
        if (applied.contains(step)) {
            throw new EngineException("'" + step.name() + "' is applied already (plan shows what is left; undo reverts the last one)");
        }
        Prerequisites.check(this, step);
        if (step instanceof HostnameStep) hostnamesBefore.put(step, Probes.hostname(build.processPid()));
        int index = steps.indexOf(step);
        listener.before(index, step, build);
        long t0 = System.nanoTime();
        try {
            step.apply(build);
        } catch (RuntimeException e) {
            if (!(step instanceof StartHelperStep)) { // a helper that failed to start is torn down by abandon
                try {
                    step.undo(build);
                } catch (RuntimeException u) {
                    e.addSuppressed(u);
                }
            } else {
                applied.add(step);
            }
            throw e;
        }
        applied.add(step);
        listener.after(index, step, build, System.nanoTime() - t0);
        if (step instanceof ExecStep) return Optional.of(runToExit(listener));
        return Optional.empty();
    }

    /** {@code step hostname NAME}: the plan's hostname step, with that name instead of the spec's. */
    public Step hostnameStep(String hostname) {
        jlab.engine.Names.validateHostname(hostname);
        Step planned = find("hostname").orElseThrow(() -> new EngineException("this plan has no hostname step"));
        if (applied.contains(planned)) return planned; // apply refuses it, with the reason
        Step named = new HostnameStep(hostname);
        steps.set(steps.indexOf(planned), named);
        return named;
    }

    /** The hostname a hostname step replaced. */
    String hostnameBefore(Step hostnameStep) { return hostnamesBefore.get(hostnameStep); }

    /** What undo did: the step, and how it was reverted. */
    public record Undone(Step step, String how) {}

    /**
     * Reverts the last applied step, where the kernel allows it ({@link Undo});
     * otherwise says why not, and nothing changes.
     */
    public Undone undoLast() {
        requireOpen();
        Step last = applied.isEmpty() ? null : applied.get(applied.size() - 1);
        if (last == null || last instanceof StartHelperStep) {
            throw new EngineException("nothing to undo: the helper is all there is (rm -f " + name() + " abandons the container)");
        }
        String how = Undo.revert(this, last);
        applied.remove(applied.size() - 1);
        hostnamesBefore.remove(last);
        return new Undone(last, how);
    }

    /**
     * After the exec step: the command runs in the foreground with jlab's
     * stdio, as {@code run} runs it; jlab waits, then tears it down exactly as
     * {@code Engine.run} does (the record kept unless --rm). The construction is over.
     */
    private RunResult runToExit(StepListener listener) {
        int exitCode = EngineException.ENGINE_ERROR;
        boolean oom = false;
        try {
            store.save(runRecord.running(build.helper().pid(), build.initPid()));
            listener.started(build);
            exitCode = build.helper().waitFor();
            oom = build.cgroup() != null && build.cgroup().stats().oomKills() > 0;
            return new RunResult(build.id(), build.name(), exitCode, oom);
        } finally {
            ended = true;
            boolean keepFiles = !build.spec().remove();
            try {
                undoAll(step -> !(keepFiles && step instanceof ContainerDirStep));
            } finally {
                if (build.spec().remove()) delete.accept(runRecord);
                else store.save(runRecord.exited(exitCode, oom));
            }
        }
    }

    /** {@code rm -f}, Ctrl-D, the end of a script: every applied step undone, last first; the record removed. */
    public void abandon() {
        if (ended) return;
        ended = true;
        try {
            undoAll(step -> true);
        } finally {
            delete.accept(record);
        }
    }

    /** {@link Plan#undoApplied}'s semantics, in the order the steps were applied: every undo runs; the first failure is rethrown. */
    private void undoAll(Predicate<Step> which) {
        RuntimeException first = null;
        for (int i = applied.size() - 1; i >= 0; i--) {
            if (!which.test(applied.get(i))) continue;
            try {
                applied.get(i).undo(build);
            } catch (RuntimeException e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        applied.clear();
        if (first != null) throw first;
    }

    private void requireOpen() {
        if (ended) throw new EngineException("container " + name() + " is no longer under construction");
    }
}
