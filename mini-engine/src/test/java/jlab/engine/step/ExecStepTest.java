package jlab.engine.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.engine.ContainerSpec;
import jlab.engine.EngineException;
import jlab.engine.image.Image;

/** The command and environment the container's process is exec'd with, built as Docker builds them. */
class ExecStepTest {
    private static final String PATH = Image.DEFAULT_PATH;
    private static final String HOSTNAME = "HOSTNAME=3f2a9c1b7d4e"; // the short id, as Docker does

    @TempDir Path tmp;
    FakeContainer fake;
    Image image;

    @BeforeEach
    void anImageWithAnEnvironment() {
        fake = new FakeContainer(tmp);
        image = fake.image(List.of("sh"), List.of(PATH, "LANG=C.UTF-8"));
    }

    private static ContainerSpec.Builder spec() { return ContainerSpec.builder().image("fake"); }

    private List<String> environment(ContainerSpec.Builder spec, Map<String, String> hostEnv) {
        return ExecStep.environment(fake.build(spec.build(), image), hostEnv);
    }

    @Test
    void the_images_environment_comes_first_then_hostname_then_home() {
        assertThat(environment(spec(), Map.of())).containsExactly(PATH, "LANG=C.UTF-8", HOSTNAME, "HOME=/root");
    }

    @Test
    void hostname_is_the_one_given() {
        assertThat(environment(spec().hostname("box"), Map.of())).contains("HOSTNAME=box").doesNotContain(HOSTNAME);
    }

    @Test
    void e_name_value_overrides_the_images_value_and_adds_new_ones() {
        List<String> env = environment(spec().env(List.of("LANG=de_DE.UTF-8", "GREETING=a=b", "EMPTY=")), Map.of());
        assertThat(env).containsExactly(PATH, "LANG=de_DE.UTF-8", HOSTNAME, "GREETING=a=b", "EMPTY=", "HOME=/root");
    }

    @Test
    void the_last_e_of_a_name_wins() {
        assertThat(environment(spec().env(List.of("X=1", "X=2")), Map.of())).contains("X=2").doesNotContain("X=1");
    }

    @Test
    void e_name_alone_takes_the_value_from_jlabs_environment() {
        List<String> env = environment(spec().env(List.of("EDITOR")), Map.of("EDITOR", "vi", "SECRET", "s3cr3t"));
        assertThat(env).contains("EDITOR=vi");
        assertThat(env).noneMatch(e -> e.startsWith("SECRET="));
    }

    @Test
    void e_name_alone_is_dropped_when_jlab_has_no_such_variable() {
        assertThat(environment(spec().env(List.of("NOT_SET_ANYWHERE")), Map.of()))
                .noneMatch(e -> e.startsWith("NOT_SET_ANYWHERE"));
    }

    @Test
    void home_comes_from_the_images_passwd_for_the_user() {
        assertThat(environment(spec().user("nobody"), Map.of())).contains("HOME=/nonexistent");
        assertThat(environment(spec().user("4321"), Map.of())).contains("HOME=/");
    }

    @Test
    void an_explicit_home_is_kept() {
        assertThat(environment(spec().user("nobody").env(List.of("HOME=/data")), Map.of()))
                .contains("HOME=/data").doesNotContain("HOME=/nonexistent");
    }

    @Test
    void term_is_set_only_with_a_tty() {
        assertThat(environment(spec(), Map.of("TERM", "screen"))).noneMatch(e -> e.startsWith("TERM="));
        assertThat(environment(spec().tty(true), Map.of())).contains("TERM=xterm");
    }

    @Test
    void the_command_is_the_users() {
        assertThat(ExecStep.command(fake.build(spec().command("echo", "hi").build(), image))).containsExactly("echo", "hi");
    }

    @Test
    void without_a_command_the_images_default_runs() {
        assertThat(ExecStep.command(fake.build(spec().build(), image))).containsExactly("sh");
    }

    @Test
    void without_a_command_or_a_default_the_run_is_refused() {
        ContainerBuild b = fake.build(spec().build(), fake.image(List.of(), List.of(PATH)));
        assertThatThrownBy(() -> ExecStep.command(b))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("no command specified")
                .hasMessageContaining("/bin/sh");
    }
}
