package jlab.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Explanation;
import jlab.engine.step.Step;

/** Steps apply in order and undo in reverse, and a failure anywhere still undoes what was made. */
class PlanTest {
    /** These steps use nothing of the build. */
    private final ContainerBuild build = new ContainerBuild(null, null, null, null, null, null, null);
    private final List<String> log = new ArrayList<>();

    /** A step that writes "apply NAME" and "undo NAME" to the log, and can be made to fail at either. */
    private final class Fake implements Step {
        private final String name;
        private boolean failApply;
        private boolean failUndo;

        Fake(String name) { this.name = name; }

        Fake failingApply() { failApply = true; return this; }

        Fake failingUndo() { failUndo = true; return this; }

        @Override public String name() { return name; }

        @Override public Explanation explain(ContainerBuild b) { return new Explanation(name, name, name, name); }

        @Override
        public void apply(ContainerBuild b) {
            log.add("apply " + name);
            if (failApply) throw new IllegalStateException("apply " + name + " failed");
        }

        @Override
        public void undo(ContainerBuild b) {
            log.add("undo " + name);
            if (failUndo) throw new IllegalStateException("undo " + name + " failed");
        }
    }

    @Test
    void apply_all_applies_every_step_in_order() {
        Plan plan = new Plan(List.of(new Fake("a"), new Fake("b"), new Fake("c")));
        plan.applyAll(build, StepListener.NONE);
        assertThat(log).containsExactly("apply a", "apply b", "apply c");
        assertThat(plan.applied()).isEqualTo(3);
        assertThat(plan.done()).isTrue();
    }

    @Test
    void apply_next_applies_one_step_at_a_time_as_the_repl_does() {
        Fake a = new Fake("a");
        Plan plan = new Plan(List.of(a, new Fake("b")));
        assertThat(plan.applyNext(build, StepListener.NONE)).isSameAs(a);
        assertThat(log).containsExactly("apply a");
        assertThat(plan.applied()).isEqualTo(1);
        assertThat(plan.done()).isFalse();
    }

    @Test
    void undo_runs_in_reverse_and_only_for_the_applied_steps() {
        Plan plan = new Plan(List.of(new Fake("a"), new Fake("b"), new Fake("c")));
        plan.applyNext(build, StepListener.NONE);
        plan.applyNext(build, StepListener.NONE);
        log.clear();

        plan.undoApplied(build, step -> true);

        assertThat(log).containsExactly("undo b", "undo a");
        assertThat(plan.applied()).isZero();
    }

    @Test
    void undo_skips_the_steps_the_filter_keeps() {
        Plan plan = new Plan(List.of(new Fake("directories"), new Fake("b"), new Fake("c")));
        plan.applyAll(build, StepListener.NONE);
        log.clear();

        plan.undoApplied(build, step -> !step.name().equals("directories"));

        assertThat(log).containsExactly("undo c", "undo b");
    }

    @Test
    void a_step_that_throws_counts_as_applied_and_the_rest_are_not_applied() {
        Plan plan = new Plan(List.of(new Fake("a"), new Fake("b").failingApply(), new Fake("c")));

        RuntimeException e = catchRuntimeException(() -> plan.applyAll(build, StepListener.NONE));

        assertThat(e).hasMessage("apply b failed");
        assertThat(plan.applied()).isEqualTo(2);
        assertThat(log).containsExactly("apply a", "apply b");

        plan.undoApplied(build, step -> true);
        assertThat(log).containsExactly("apply a", "apply b", "undo b", "undo a");
    }

    @Test
    void the_listener_hears_each_step_before_and_after_but_not_after_a_failure() {
        Plan plan = new Plan(List.of(new Fake("a"), new Fake("b").failingApply()));
        List<String> heard = new ArrayList<>();
        StepListener listener = new StepListener() {
            @Override public void before(int i, Step s, ContainerBuild b) { heard.add("before " + i + " " + s.name()); }

            @Override public void after(int i, Step s, ContainerBuild b, long nanos) {
                assertThat(nanos).isNotNegative();
                heard.add("after " + i + " " + s.name());
            }
        };

        catchRuntimeException(() -> plan.applyAll(build, listener));

        assertThat(heard).containsExactly("before 0 a", "after 0 a", "before 1 b");
    }

    @Test
    void undo_goes_on_past_a_failing_undo_and_rethrows_the_first_with_the_others_suppressed() {
        Plan plan = new Plan(List.of(new Fake("a"), new Fake("b").failingUndo(), new Fake("c").failingUndo()));
        plan.applyAll(build, StepListener.NONE);
        log.clear();

        RuntimeException e = catchRuntimeException(() -> plan.undoApplied(build, step -> true));

        assertThat(log).containsExactly("undo c", "undo b", "undo a");
        assertThat(e).hasMessage("undo c failed");
        assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("undo b failed");
        assertThat(plan.applied()).isZero();
    }

    @Test
    void the_plan_keeps_its_own_copy_of_the_steps() {
        List<Step> steps = new ArrayList<>(List.of(new Fake("a")));
        Plan plan = new Plan(steps);
        steps.add(new Fake("b"));
        assertThat(plan.steps()).extracting(Step::name).containsExactly("a");
    }
}
