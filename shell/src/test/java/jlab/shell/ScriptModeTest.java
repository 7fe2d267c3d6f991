package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.engine.state.StateDir;

/** Commands on standard input, one per line, with no terminal: comments, prefixes and stopping at a failure. */
class ScriptModeTest {
    @TempDir Path state;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private ScriptMode script;
    private String version;

    @BeforeEach
    void aSessionOverMemoryStreams() {
        Session session = new Session(new StateDir(state),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        script = new ScriptMode(new Cli(session), session);
        version = "jlab " + Cli.Version.get();
    }

    private int run(String text) { return script.run(new BufferedReader(new StringReader(text))); }

    private String out() { return out.toString(StandardCharsets.UTF_8); }

    private String err() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void blank_lines_and_comments_are_skipped() {
        assertThat(run("\n# a comment\n   \n  # indented comment\n--version\n\n")).isZero();
        assertThat(out().lines()).containsExactly(version);
        assertThat(err()).isEmpty();
    }

    @Test
    void every_line_runs_in_order() {
        assertThat(run("--version\nhelp\n--version\n")).isZero();
        assertThat(out().lines().filter(version::equals)).hasSize(2);
        assertThat(out()).contains("images");
    }

    @Test
    void a_jlab_prefix_is_accepted_as_typed_on_the_command_line() {
        assertThat(run("jlab --version\n")).isZero();
        assertThat(out().lines()).containsExactly(version);
    }

    @Test
    void an_empty_script_succeeds() {
        assertThat(run("")).isZero();
        assertThat(out()).isEmpty();
    }

    @Test
    void the_first_failing_command_stops_the_script_with_its_code() {
        assertThat(run("help\nrun --memory 64x busybox true\n--version\n")).isEqualTo(125);
        assertThat(err()).contains("invalid size: '64x'");
        assertThat(out()).as("the line after the failure never ran").doesNotContain(version);
    }

    @Test
    void an_unterminated_quote_is_125_naming_its_line_and_nothing_after_it_runs() {
        assertThat(run("# setup\n\n--version\nrun busybox sh -c 'echo hi\n--version\n")).isEqualTo(125);
        assertThat(err().lines()).containsExactly("jlab: line 4: unterminated ' quote");
        assertThat(out().lines()).containsExactly(version);
    }

    @Test
    void a_line_is_split_with_shell_quoting() {
        assertThat(run("run --memory '64 x' busybox\n")).isEqualTo(125);
        assertThat(err()).contains("invalid size: '64 x'");
    }
}
