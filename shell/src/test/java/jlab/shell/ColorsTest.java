package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Colour on standard output only where a person reads a terminal: never in a pipe, a file, a test. */
class ColorsTest {
    private static final Map<String, String> XTERM = Map.of("TERM", "xterm-256color");

    @Test
    void stdout_that_is_not_a_terminal_gets_plain_text_even_where_the_terminal_type_has_colours() {
        Colors piped = Colors.forStdout(XTERM, fd -> false);
        assertThat(piped.enabled()).isFalse();
        assertThat(piped.red("refused")).isEqualTo("refused");
        Colors terminal = Colors.forStdout(XTERM, fd -> fd == 1);
        assertThat(terminal.enabled()).as("descriptor 1 is the one asked about").isTrue();
        assertThat(terminal.red("refused")).isEqualTo("\u001b[31mrefused\u001b[0m");
    }

    @Test
    void no_color_and_a_dumb_terminal_get_plain_text_even_on_a_terminal() {
        assertThat(Colors.forStdout(Map.of("TERM", "xterm-256color", "NO_COLOR", "1"), fd -> true).enabled()).isFalse();
        assertThat(Colors.forStdout(Map.of("TERM", "dumb"), fd -> true).enabled()).isFalse();
        assertThat(Colors.forStdout(Map.of("TERM", "xterm-256color", "NO_COLOR", ""), fd -> true).enabled())
                .as("an empty NO_COLOR is no request (no-color.org)").isTrue();
    }

    @Test
    void jlab_writing_to_a_pipe_prints_its_help_without_escape_codes(@TempDir Path state) {
        // A colour terminal type, no NO_COLOR: only the pipe on descriptor 1 says "plain".
        var r = new JlabProcess(state, Map.of("TERM", "xterm-256color", "NO_COLOR", "")).run("--help");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Usage: jlab").doesNotContain("\u001b[");
    }
}
