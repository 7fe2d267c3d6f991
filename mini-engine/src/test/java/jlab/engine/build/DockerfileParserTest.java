package jlab.engine.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The Dockerfile's syntax, as Docker's parser reads it: lines, comments, continuations, forms, errors with FILE:LINE. */
class DockerfileParserTest {
    private static Dockerfile parse(String text) { return DockerfileParser.parse(text, "Dockerfile"); }

    private static List<String> keywords(Dockerfile d) { return d.instructions().stream().map(Instruction::keyword).toList(); }

    @Test
    void instructions_are_read_in_any_case_with_their_line_numbers() {
        Dockerfile d = parse("from busybox\n\nRun echo hi\n  cmd [\"sh\"]\n");
        assertThat(keywords(d)).containsExactly("FROM", "RUN", "CMD");
        assertThat(d.instructions()).extracting(Instruction::line).containsExactly(1, 3, 4);
        assertThat(d.instructions().get(1).args()).isEqualTo("echo hi");
        assertThat(d.instructions().get(1).text()).isEqualTo("Run echo hi");
    }

    @Test
    void comments_and_blank_lines_are_skipped_but_a_hash_inside_an_instruction_is_kept() {
        Dockerfile d = parse("# a comment\nFROM busybox\n   # indented comment\nRUN echo '#not a comment'\n");
        assertThat(keywords(d)).containsExactly("FROM", "RUN");
        assertThat(d.instructions().get(1).args()).isEqualTo("echo '#not a comment'");
    }

    @Test
    void a_backslash_at_the_end_of_a_line_continues_it_and_comments_inside_are_dropped() {
        Dockerfile d = parse("FROM busybox\nRUN echo a \\\n# inside\n\n    && echo b \\   \n    && echo c\nCMD x\n");
        Instruction run = d.instructions().get(1);
        assertThat(run.args()).isEqualTo("echo a     && echo b     && echo c");
        assertThat(run.line()).isEqualTo(2);
        assertThat(d.instructions().get(2).line()).isEqualTo(7);
    }

    @Test
    void a_continuation_on_the_last_line_ends_the_instruction() {
        Dockerfile d = parse("FROM busybox\nRUN echo a \\");
        assertThat(d.instructions().get(1).args()).isEqualTo("echo a");
    }

    @Test
    void the_escape_directive_makes_the_backtick_the_continuation_and_the_backslash_plain() {
        Dockerfile d = parse("# escape=`\nFROM busybox\nRUN dir c:\\ `\n  && echo done\n");
        assertThat(d.escape()).isEqualTo('`');
        assertThat(d.instructions().get(1).args()).isEqualTo("dir c:\\   && echo done");
    }

    @Test
    void a_directive_after_a_comment_is_only_a_comment() {
        Dockerfile d = parse("# hello\n# escape=`\nFROM busybox\nRUN a \\\n b\n");
        assertThat(d.escape()).isEqualTo('\\');
        assertThat(d.instructions().get(1).args()).isEqualTo("a  b");
    }

    @Test
    void a_bad_escape_token_names_its_line() {
        assertThatThrownBy(() -> parse("# escape=x\nFROM busybox\n")).hasMessage(
                "Dockerfile:1: invalid escape token 'x': it must be ` or \\");
    }

    @Test
    void the_exec_form_is_a_json_array_and_anything_else_is_the_shell_form() {
        Dockerfile d = parse("FROM busybox\nCMD [\"httpd\", \"-f\"]\nRUN [not json\nENTRYPOINT [\"a\", 1]\n");
        assertThat(d.instructions().get(1).json()).containsExactly("httpd", "-f");
        assertThat(d.instructions().get(2).execForm()).isFalse();
        assertThat(d.instructions().get(3).execForm()).as("not an array of strings").isFalse();
    }

    @Test
    void flags_come_before_the_arguments() {
        Instruction copy = parse("FROM busybox\nCOPY --from=build --chown=1:2 a b\n").instructions().get(1);
        assertThat(copy.flags()).containsEntry("from", "build").containsEntry("chown", "1:2");
        assertThat(copy.args()).isEqualTo("a b");
    }

    @Test
    void an_unknown_flag_names_the_flags_there_are() {
        assertThatThrownBy(() -> parse("FROM busybox\nCOPY --form=x a b\n"))
                .hasMessageStartingWith("Dockerfile:2: unknown flag --form=x for COPY (it takes --chmod, --chown, --exclude, --from");
    }

    @Test
    void an_unknown_instruction_names_file_line_and_the_closest_one() {
        assertThatThrownBy(() -> DockerfileParser.parse("FROM busybox\nRUN true\nCPY a b\n", "web.Dockerfile"))
                .isInstanceOf(BuildException.class)
                .hasMessage("web.Dockerfile:3: unknown instruction \"CPY\" (did you mean COPY?)");
        assertThatThrownBy(() -> parse("FROM busybox\nworkdri /app\n"))
                .hasMessage("Dockerfile:2: unknown instruction \"workdri\" (did you mean WORKDIR?)");
        assertThatThrownBy(() -> parse("FROM busybox\nFROBNICATE x\n"))
                .hasMessageStartingWith("Dockerfile:2: unknown instruction \"FROBNICATE\" (a Dockerfile's instructions: FROM, RUN");
    }

    @Test
    void a_build_fails_with_exit_code_1_as_docker_build() {
        assertThatThrownBy(() -> parse("CPY a b\n")).isInstanceOfSatisfying(BuildException.class,
                e -> assertThat(e.exitCode()).isEqualTo(1));
    }

    @Test
    void an_empty_file_is_refused() {
        assertThatThrownBy(() -> parse("# only a comment\n\n")).hasMessage(
                "Dockerfile: the file has no instructions: a Dockerfile starts with FROM IMAGE");
    }

    @Test
    void only_arg_may_come_before_the_first_from() {
        Dockerfile ok = parse("ARG BASE=busybox\nFROM $BASE\nRUN true\n");
        assertThat(ok.globalArgs()).hasSize(1);
        assertThat(ok.stages()).hasSize(1);
        assertThat(ok.steps()).isEqualTo(2);
        assertThatThrownBy(() -> parse("RUN true\nFROM busybox\n").stages())
                .hasMessage("Dockerfile:1: no FROM before RUN: a Dockerfile starts with FROM IMAGE (only ARG may come before it)");
        assertThatThrownBy(() -> parse("ARG A=1\n").stages()).hasMessageStartingWith("Dockerfile:1: no FROM");
    }

    @Test
    void stages_are_cut_at_each_from() {
        Dockerfile d = parse("FROM busybox AS build\nRUN make\nFROM scratch\nCOPY --from=build /out /\nCMD [\"/out\"]\n");
        assertThat(d.stages()).hasSize(2);
        assertThat(d.stages().get(0).body()).extracting(Instruction::keyword).containsExactly("RUN");
        assertThat(d.stages().get(1).body()).extracting(Instruction::keyword).containsExactly("COPY", "CMD");
        assertThat(d.steps()).isEqualTo(5);
    }

    @Test
    void windows_line_ends_are_read_as_line_ends() {
        Dockerfile d = parse("FROM busybox\r\nRUN echo a \\\r\n  b\r\n");
        assertThat(d.instructions().get(1).args()).isEqualTo("echo a   b");
    }

    @Test
    void each_instruction_checks_its_arguments_before_the_build_runs() {
        assertThatThrownBy(() -> Instructions.check(parse("FROM busybox\nCOPY onlyone\n").instructions().get(1)))
                .hasMessage("Dockerfile:2: COPY needs a source and a destination: COPY SRC... DEST");
        assertThatThrownBy(() -> Instructions.check(parse("FROM a b\n").instructions().get(0)))
                .hasMessageStartingWith("Dockerfile:1: FROM takes an image");
        assertThatThrownBy(() -> Instructions.check(parse("FROM busybox\nADD https://example.com/x.tgz /\n").instructions().get(1)))
                .hasMessageContaining("jlab fetches nothing from the network");
        assertThatThrownBy(() -> Instructions.check(parse("FROM busybox\nRUN --mount=type=cache,target=/x true\n").instructions().get(1)))
                .hasMessage("Dockerfile:2: RUN --mount is not supported by jlab (a BuildKit feature): remove it");
        assertThatThrownBy(() -> Instructions.check(parse("FROM busybox\nSHELL /bin/bash -c\n").instructions().get(1)))
                .hasMessageContaining("SHELL needs the JSON form");
        assertThatThrownBy(() -> Instructions.check(parse("FROM busybox\nHEALTHCHECK CMD true\n").instructions().get(1)))
                .hasMessageStartingWith("Dockerfile:2: HEALTHCHECK is not supported by jlab");
        assertThatThrownBy(() -> Instructions.check(parse("FROM busybox\nENV\n").instructions().get(1)))
                .hasMessage("Dockerfile:2: ENV needs at least one NAME=value");
        // --chmod's value is looked at when the step runs, with its variables substituted
        Instructions.check(parse("FROM busybox\nCOPY --chmod=x a b\n").instructions().get(1));
    }
}
