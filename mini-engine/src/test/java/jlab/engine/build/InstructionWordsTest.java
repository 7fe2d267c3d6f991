package jlab.engine.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** How ENV, LABEL and EXPOSE read their words once the parser has the line. */
class InstructionWordsTest {
    private final ShellWords words = new ShellWords('\\');

    private static Instruction line(String text) {
        return DockerfileParser.parse("FROM busybox\n" + text + "\n", "Dockerfile").instructions().get(1);
    }

    private List<String> pairs(String text, Map<String, String> vars) {
        return Instructions.pairs(line(text), vars, words).stream().map(p -> p[0] + "=" + p[1]).toList();
    }

    @Test
    void env_takes_name_value_pairs_with_quotes_and_the_old_form_with_blanks() {
        assertThat(pairs("ENV A=1 B=\"two words\" C='$A' D=$HOME", Map.of("HOME", "/root")))
                .containsExactly("A=1", "B=two words", "C=$A", "D=/root");
        assertThat(pairs("ENV GREETING hello   big world", Map.of())).containsExactly("GREETING=hello   big world");
        assertThat(pairs("LABEL org.example.version=\"1.0\" maintainer=me", Map.of()))
                .containsExactly("org.example.version=1.0", "maintainer=me");
    }

    /** As in Docker: a variable's value is not split at its blanks, quoted or not; EXPOSE alone splits it. */
    @Test
    void a_variables_blanks_stay_in_its_value_except_in_expose() {
        Map<String, String> vars = Map.of("G", "hello world", "PORTS", "80 53/udp");
        assertThat(pairs("ENV MSG=$G OTHER=${G}!", vars)).containsExactly("MSG=hello world", "OTHER=hello world!");
        assertThat(pairs("LABEL greeting=$G", vars)).containsExactly("greeting=hello world");
        ExposeInstruction expose = ExposeInstruction.of(line("EXPOSE $PORTS 443"), vars, words);
        assertThat(expose.make(new BuildState("0", null), null).settings().exposedPorts()).containsOnlyKeys("80/tcp", "53/udp", "443/tcp");
    }

    @Test
    void a_pair_without_a_value_or_without_a_name_is_refused_with_its_line() {
        assertThatThrownBy(() -> pairs("ENV ALONE", Map.of())).hasMessage(
                "Dockerfile:2: ENV ALONE: give it a value: ENV ALONE=VALUE");
        assertThatThrownBy(() -> pairs("ENV A=1 =2", Map.of())).hasMessageStartingWith(
                "Dockerfile:2: ENV: \"=2\" is not NAME=value");
        assertThatThrownBy(() -> pairs("ENV A=1 B", Map.of())).hasMessageContaining("\"B\" is not NAME=value");
    }

    @Test
    void expose_reads_ports_protocols_and_ranges() {
        Instruction in = line("EXPOSE 80");
        assertThat(ExposeInstruction.ports(in, "80")).containsExactly("80/tcp");
        assertThat(ExposeInstruction.ports(in, "53/UDP")).containsExactly("53/udp");
        assertThat(ExposeInstruction.ports(in, "8000-8002/tcp")).containsExactly("8000/tcp", "8001/tcp", "8002/tcp");
        assertThatThrownBy(() -> ExposeInstruction.ports(in, "http")).hasMessageContaining("EXPOSE http: not a port");
        assertThatThrownBy(() -> ExposeInstruction.ports(in, "70000")).hasMessageContaining("between 1 and 65535");
    }

    @Test
    void a_relative_workdir_goes_on_from_the_previous_and_dots_are_resolved() {
        assertThat(ImagePaths.clean("/app/../srv/./x/")).isEqualTo("/srv/x");
        assertThat(ImagePaths.clean("/../..")).isEqualTo("/");
    }

    @Test
    void run_and_cmd_in_shell_form_go_through_the_shell_and_the_history_shows_arg_values() {
        BuildState state = new BuildState("0", null);
        state.declareArg("VERSION", "2");
        state.declareArg("UNSET", null);
        RunInstruction run = RunInstruction.of(line("RUN echo $VERSION"), state);
        assertThat(run.createdBy()).isEqualTo("|1 VERSION=2 /bin/sh -c echo $VERSION");
        CommandInstruction cmd = CommandInstruction.of(line("CMD echo hi"), state);
        assertThat(cmd.createdBy()).isEqualTo("/bin/sh -c #(nop)  CMD [\"/bin/sh\",\"-c\",\"echo hi\"]");
        state.shell(List.of("/bin/bash", "-o", "pipefail", "-c"));
        assertThat(RunInstruction.of(line("RUN [\"true\"]"), new BuildState("0", null)).createdBy()).isEqualTo("true");
        assertThat(CommandInstruction.of(line("ENTRYPOINT exec httpd"), state).createdBy())
                .isEqualTo("/bin/sh -c #(nop)  ENTRYPOINT [\"/bin/bash\",\"-o\",\"pipefail\",\"-c\",\"exec httpd\"]");
    }
}
