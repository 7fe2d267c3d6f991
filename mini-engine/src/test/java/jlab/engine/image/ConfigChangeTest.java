package jlab.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import jlab.engine.EngineException;

/** --change of commit and import: Dockerfile instructions that change only an image's settings. */
class ConfigChangeTest {
    private static ImageConfig.Settings apply(String... changes) {
        return ConfigChange.applyAll(ImageConfig.Settings.EMPTY.withEnv(List.of("PATH=/bin")), List.of(changes));
    }

    @Test
    void cmd_and_entrypoint_take_the_exec_form_as_it_is_and_the_shell_form_through_sh() {
        assertThat(apply("CMD [\"cat\", \"/f\"]").cmd()).containsExactly("cat", "/f");
        assertThat(apply("ENTRYPOINT echo $HOME").entrypoint()).containsExactly("/bin/sh", "-c", "echo $HOME");
        assertThat(apply("cmd [\"sh\"]").cmd()).as("the instruction's case does not matter").containsExactly("sh");
    }

    @Test
    void an_entrypoint_drops_the_images_cmd_unless_a_cmd_came_before_it() {
        ImageConfig.Settings image = ImageConfig.Settings.EMPTY.withCmd(List.of("sh", "-c", "old"));
        assertThat(ConfigChange.applyAll(image, List.of("ENTRYPOINT [\"cat\"]")).cmd()).as("as in a Dockerfile").isNull();
        assertThat(ConfigChange.applyAll(image, List.of("CMD [\"/f\"]", "ENTRYPOINT [\"cat\"]")).cmd()).containsExactly("/f");
        assertThat(ConfigChange.applyAll(image, List.of("ENTRYPOINT [\"cat\"]", "CMD [\"/g\"]")).cmd()).containsExactly("/g");
        assertThat(ConfigChange.applyAll(image, List.of("ENV A=1")).cmd()).as("other changes keep it").containsExactly("sh", "-c", "old");
    }

    @Test
    void env_label_expose_volume_user_and_workdir() {
        ImageConfig.Settings s = apply("ENV A=1 B=\"two words\"", "ENV PATH /usr/bin:/bin", "LABEL team=web",
                "EXPOSE 80 53/udp", "VOLUME [\"/data\"]", "USER nobody", "WORKDIR /srv");
        assertThat(s.env()).containsExactly("PATH=/usr/bin:/bin", "A=1", "B=two words");
        assertThat(s.labels()).containsEntry("team", "web");
        assertThat(s.exposedPorts()).containsOnlyKeys("80/tcp", "53/udp");
        assertThat(s.volumes()).containsOnlyKeys("/data");
        assertThat(s.user()).isEqualTo("nobody");
        assertThat(s.workingDir()).isEqualTo("/srv");
    }

    @Test
    void an_instruction_that_changes_files_or_a_broken_one_is_refused_with_the_rule() {
        assertThatThrownBy(() -> apply("RUN true")).isInstanceOf(EngineException.class)
                .hasMessageContaining("RUN is not an instruction --change takes").hasMessageContaining("CMD, ENTRYPOINT");
        assertThatThrownBy(() -> apply("CMD [sh]")).hasMessageContaining("not a JSON array");
        assertThatThrownBy(() -> apply("LABEL a")).hasMessageContaining("\"a\" is not NAME=value");
        assertThatThrownBy(() -> apply("USER")).hasMessageContaining("USER needs an argument");
    }
}
