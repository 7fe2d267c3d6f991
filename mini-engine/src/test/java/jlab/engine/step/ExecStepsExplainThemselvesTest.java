package jlab.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.engine.ContainerSpec;
import jlab.kernel.ns.Namespace;

/** {@code jlab exec --explain}: the steps that join a container explain themselves before anything is made. */
class ExecStepsExplainThemselvesTest {
    private static final ContainerSpec SPEC = ContainerSpec.builder().image("fake").command("sh", "-c", "echo hi").build();

    @TempDir Path tmp;

    @Test
    void every_exec_step_explains_itself_in_every_register() {
        ContainerBuild b = new FakeContainer(tmp).build(SPEC);
        SetnsStep setns = new SetnsStep(4242, List.of(Namespace.UTS, Namespace.MNT, Namespace.USER));
        List<Step> steps = List.of(setns, new DiscardStdioStep(), new ForkStep(), new JoinContainerCgroupStep("jlab/abc"));
        for (Step s : steps) {
            Explanation e = s.explain(b);
            assertThat(List.of(e.summary(), e.syscall(), e.shell(), e.lookAt())).as(s.name())
                    .allSatisfy(t -> assertThat(t).isNotBlank());
        }
        assertThat(setns.explain(b).shell()).isEqualTo("nsenter -t 4242 -u -m -U");
        assertThat(setns.explain(b).syscall()).endsWith("setns(open(\"/proc/4242/ns/user\"), CLONE_NEWUSER)");
        assertThat(new JoinContainerCgroupStep("jlab/abc").explain(b).shell())
                .isEqualTo("echo PID > /sys/fs/cgroup/jlab/abc/cgroup.procs");
        assertThat(b.hasHelper()).isFalse();
    }
}
