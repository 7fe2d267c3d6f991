package jlab.engine.stepmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.engine.ContainerSpec;
import jlab.engine.plan.Plan;
import jlab.engine.plan.StepListener;
import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Explanation;
import jlab.engine.step.Step;
import jlab.kernel.KernelException;

/**
 * A step the kernel refuses, without the kernel: a step that makes something on the host (a directory,
 * as a cgroup is one) and is then refused (EINVAL, as a cgroup file refuses a value) must leave the
 * construction exactly as it was: what it half made undone, the step not counted, the same step next,
 * and the next {@code step} free to succeed.
 */
class RefusedStepTest {
    @TempDir Path host;

    /** Applied without fuss: the construction's first step. */
    private static final class Plain implements Step {
        private final String name;

        Plain(String name) { this.name = name; }

        @Override public String name() { return name; }

        @Override public Explanation explain(ContainerBuild b) { return new Explanation(name, name + "()", name, "nothing"); }

        @Override public void apply(ContainerBuild b) {}

        @Override public boolean inHelper() { return false; }
    }

    /** Makes a directory, then writes a value the kernel refuses the first {@code refusals} times. */
    private static final class HalfMade implements Step {
        private final Path dir;
        private int refusals;

        HalfMade(Path dir, int refusals) {
            this.dir = dir;
            this.refusals = refusals;
        }

        @Override public String name() { return "cgroup cpus"; }

        @Override public Explanation explain(ContainerBuild b) {
            return new Explanation("a quota", "write(cpu.cfs_quota_us, \"500\")", "echo 500 > cpu.cfs_quota_us", "cat");
        }

        @Override public void apply(ContainerBuild b) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (refusals-- > 0) throw KernelException.of("write", "cpu.cfs_quota_us, \"500\"", 22); // EINVAL
        }

        @Override public void undo(ContainerBuild b) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override public boolean inHelper() { return false; }
    }

    /** What a listener saw: "before NAME", "after NAME". */
    private final List<String> seen = new ArrayList<>();
    private final StepListener listener = new StepListener() {
        @Override public void before(int index, Step step, ContainerBuild build) { seen.add("before " + step.name()); }

        @Override public void after(int index, Step step, ContainerBuild build, long nanos) { seen.add("after " + step.name()); }
    };

    private Construction construction(Step... steps) {
        ContainerBuild build = new ContainerBuild("0123456789ab".repeat(5) + "cdef", "box",
                ContainerSpec.builder().image("busybox").build(), null, null, null, null);
        return new Construction(build, new Plan(List.of(steps)), null, null, null, record -> { });
    }

    @Test
    void a_step_the_kernel_refuses_is_undone_not_counted_and_the_next_step_still_works() {
        Path made = host.resolve("half-made");
        Step first = new Plain("directories");
        Step refused = new HalfMade(made, 1);
        Step last = new Plain("exec later");
        Construction c = construction(first, refused, last);
        c.apply(first, listener);
        assertThat(c.next()).contains(refused);

        assertThatThrownBy(() -> c.apply(refused, listener)).isInstanceOf(KernelException.class)
                .hasMessageStartingWith("write(cpu.cfs_quota_us, \"500\"): EINVAL (Invalid argument)");

        assertThat(made).as("what the refused step had made is undone").doesNotExist();
        assertThat(c.appliedCount()).as("the refused step is not counted").isEqualTo(1);
        assertThat(c.applied()).containsExactly(first);
        assertThat(c.isApplied(refused)).isFalse();
        assertThat(c.next()).as("the same step comes next").contains(refused);
        assertThat(c.ended()).isFalse();
        assertThat(seen).containsExactly("before directories", "after directories", "before cgroup cpus");

        c.apply(refused, listener); // the kernel accepts it this time
        assertThat(made).exists();
        assertThat(c.appliedCount()).isEqualTo(2);
        assertThat(c.next()).contains(last);
    }
}
