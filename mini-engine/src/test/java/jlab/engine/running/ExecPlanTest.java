package jlab.engine.running;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import jlab.engine.ContainerSpec;
import jlab.engine.Resources;
import jlab.engine.image.Image;
import jlab.engine.image.ImageConfig;
import jlab.engine.step.SetnsStep;
import jlab.kernel.ns.Namespace;

/** exec's spec and steps, before anything is made. */
class ExecPlanTest {
    private static final ContainerSpec CONTAINER = ContainerSpec.builder().name("box").image("busybox")
            .command("sleep", "1000").env(List.of("A=1", "B=2")).workdir("/srv").user("nobody").hostname("h")
            .resources(new Resources(64L << 20, null, null, null, null)).userns(true).build();

    @Test
    void exec_runs_with_the_containers_env_then_its_own_and_the_containers_workdir_and_user_unless_given() {
        ContainerSpec same = Exec.specFor(CONTAINER, new ExecOptions(List.of("ps"), List.of(), null, null, false, false, false));
        assertThat(same.command()).containsExactly("ps");
        assertThat(same.env()).containsExactly("A=1", "B=2");
        assertThat(same.workdir()).isEqualTo("/srv");
        assertThat(same.user()).isEqualTo("nobody");
        assertThat(same.hostname()).isEqualTo("h");
        assertThat(same.userns()).isTrue();

        ContainerSpec changed = Exec.specFor(CONTAINER,
                new ExecOptions(List.of("sh"), List.of("B=3"), "/tmp", "root", true, true, false));
        assertThat(changed.env()).as("later ones win when the environment is built").containsExactly("A=1", "B=2", "B=3");
        assertThat(changed.workdir()).isEqualTo("/tmp");
        assertThat(changed.user()).isEqualTo("root");
        assertThat(changed.interactive()).isTrue();
        assertThat(changed.tty()).isTrue();
    }

    @Test
    void exec_runs_the_command_as_typed_not_after_the_images_entrypoint() {
        Image web = new Image("web:1", "sha256:1", List.of(Path.of("/layers/1")), ImageConfig.Settings.EMPTY
                .withEntrypoint(List.of("httpd", "-f")).withCmd(List.of("-p", "8080")).withUser("web"));
        Image seen = Exec.seenThrough(web, 4242);
        assertThat(seen.entrypoint()).isEmpty();
        assertThat(seen.layers()).containsExactly(Path.of("/proc/4242/root"));
        assertThat(seen.user()).as("the rest of the image's settings stay").isEqualTo("web");
    }

    @Test
    void setns_joins_the_user_namespace_last_whatever_order_it_is_given() {
        SetnsStep step = new SetnsStep(4242, List.of(Namespace.USER, Namespace.MNT, Namespace.PID, Namespace.UTS,
                Namespace.CGROUP, Namespace.NET, Namespace.IPC));
        assertThat(step.namespaces()).containsExactly(Namespace.CGROUP, Namespace.IPC, Namespace.UTS, Namespace.NET,
                Namespace.PID, Namespace.MNT, Namespace.USER);
    }

    @Test
    void setns_into_our_own_namespaces_joins_none() {
        assertThat(SetnsStep.into(ProcessHandle.current().pid()).namespaces()).isEmpty();
    }
}
