package jlab.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import jlab.engine.ContainerSpec;
import jlab.engine.Resources;
import jlab.engine.plan.RunPlan;

/**
 * {@code jlab run --explain}: every step of the plan explains itself before
 * anything is made — no helper, no cgroup — in all three registers.
 */
class EveryStepExplainsItselfTest {
    private static final ContainerSpec SPEC = ContainerSpec.builder().image("fake").userns(true)
            .hostname("box").user("nobody").resources(new Resources(64L << 20, null, 0.5, null, 20L))
            .command("sh", "-c", "echo hi")
            .mounts(java.util.List.of(jlab.engine.volume.MountParser.volume("/srv/site:/www:ro"),
                    jlab.engine.volume.MountParser.volume("data:/data"), jlab.engine.volume.MountParser.volume("/anon"),
                    jlab.engine.volume.MountParser.tmpfs("/scratch:size=64m")))
            .build();

    @TempDir Path tmp;

    static Stream<Arguments> steps() {
        // the detached plan: every step of run, and the supervisor's
        return RunPlan.forSpec(SPEC, false).steps().stream().map(s -> Arguments.of(s.name(), s));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("steps")
    void explains_itself_in_every_register_before_anything_is_made(String name, Step step) {
        Explanation e = step.explain(new FakeContainer(tmp).build(SPEC));

        assertThat(e.summary()).as("summary of %s", name).isNotBlank();
        assertThat(e.syscall()).as("syscall of %s", name).isNotBlank();
        assertThat(e.shell()).as("shell of %s", name).isNotBlank();
        assertThat(e.lookAt()).as("lookAt of %s", name).isNotBlank();
    }

    @Test
    void explaining_the_whole_plan_makes_nothing() throws IOException {
        FakeContainer fake = new FakeContainer(tmp);
        ContainerBuild b = fake.build(SPEC);
        for (Step step : RunPlan.forSpec(SPEC, true).steps()) step.explain(b);

        assertThat(b.hasHelper()).isFalse();
        assertThat(b.cgroup()).isNull();
        try (Stream<Path> state = Files.list(fake.state().root())) {
            assertThat(state).as("the state directory stays empty").isEmpty();
        }
    }

    @Test
    void before_pivot_root_a_mount_names_the_path_under_the_containers_rootfs() {
        FakeContainer fake = new FakeContainer(tmp);
        ContainerBuild b = fake.build(SPEC);
        Path rootfs = fake.state().container(FakeContainer.ID).rootfs();

        assertThat(new MountProcStep().explain(b).shell())
                .isEqualTo("mount -t proc -o nosuid,nodev,noexec proc " + rootfs + "/proc");
    }

    @Test
    void the_explanations_use_this_containers_values() {
        ContainerBuild b = new FakeContainer(tmp).build(SPEC);

        assertThat(new HostnameStep().explain(b).syscall()).isEqualTo("sethostname(\"box\", 3)");
        assertThat(new SetUserStep().explain(b).shell()).isEqualTo("setpriv --reuid=65534 --regid=65534 --clear-groups");
        assertThat(new CgroupStep().explain(b).shell())
                .startsWith("mkdir /sys/fs/cgroup/" + b.stateDir().cgroupParent() + "/" + FakeContainer.ID);
        assertThat(new UnshareStep(jlab.kernel.ns.Namespace.UTS).explain(b).syscall()).isEqualTo("unshare(CLONE_NEWUTS)");
    }

    @Test
    void a_bind_mount_explains_its_calls_and_a_read_only_one_its_remount() {
        ContainerBuild b = new FakeContainer(tmp).build(SPEC);
        String www = b.paths().rootfs() + "/www";
        Explanation e = new jlab.engine.volume.BindMountStep(SPEC.mounts().get(0)).explain(b);

        assertThat(e.syscall()).startsWith("mount(\"/srv/site\", \"" + www + "\", NULL, MS_BIND|MS_REC, NULL)")
                .contains("MS_REMOUNT|MS_BIND");
        assertThat(e.shell()).isEqualTo("mount --rbind /srv/site " + www + " && mount --make-rprivate " + www
                + " && mount -o remount,bind,ro " + www);
        assertThat(e.lookAt()).contains("/proc/PID/mountinfo").contains("grep /www /proc/self/mountinfo");
    }

    @Test
    void the_user_mounts_come_after_the_root_and_before_pivot_root() {
        java.util.List<String> names = RunPlan.forSpec(SPEC, true).steps().stream().map(Step::name).toList();
        int tmpStep = names.indexOf("mount tmp");
        int pivot = names.indexOf("pivot-root");
        // the network's hosts files first (on the default bridge network), so that a -v onto /etc/hosts wins, as in Docker
        assertThat(names.subList(tmpStep + 1, pivot)).containsExactly("mount hosts files", "bind /srv/site:/www:ro", "volume data:/data",
                "volume (anonymous):/anon", "tmpfs /scratch");
    }

    @Test
    void the_helper_step_names_the_helper_binary() {
        ContainerBuild b = new FakeContainer(tmp).build(SPEC);
        assertThat(new StartHelperStep(true).explain(b).syscall())
                .contains(b.helperBinary().path().toString()).contains("PR_SET_PDEATHSIG");
        assertThat(new StartHelperStep(false).explain(b).syscall()).doesNotContain("PR_SET_PDEATHSIG");
    }

    @Test
    void the_exec_command_is_quoted_as_a_shell_would_need_it() {
        ContainerSpec spec = ContainerSpec.builder().image("fake").workdir("/my dir")
                .command("sh", "-c", "hostname; echo $$", "it's", "").build();
        ContainerBuild b = new FakeContainer(tmp).build(spec);

        assertThat(new ExecStep().explain(b).shell())
                .isEqualTo("cd '/my dir' && exec sh -c 'hostname; echo $$' 'it'\\''s' ''");
        assertThat(new ExecStep().explain(new FakeContainer(tmp).build(SPEC)).shell())
                .isEqualTo("cd / && exec sh -c 'echo hi'");
    }
}
