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
    @TempDir Path dir;
    private Cli cli;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private ScriptMode script;
    private String version;

    @BeforeEach
    void aSessionOverMemoryStreams() {
        Session session = new Session(new StateDir(state),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        cli = new Cli(session);
        script = new ScriptMode(cli, session);
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

    /** jlab script ARGS... FILE, with {@code text} in FILE (demo.jlab). */
    private int script(String text, String... flags) throws java.io.IOException {
        Path file = java.nio.file.Files.writeString(dir.resolve("demo.jlab"), text);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("script"));
        args.addAll(java.util.List.of(flags));
        args.add(file.toString());
        return cli.execute(args);
    }

    @Test
    void script_file_runs_every_line_and_x_echoes_each_command_to_stderr_first() throws Exception {
        assertThat(script("# demo\n--version\n\nhelp ps\n", "-x")).isZero();
        assertThat(err().lines()).containsExactly("+ --version", "+ help ps");
        assertThat(out()).startsWith(version).contains("Usage: jlab ps");
    }

    @Test
    void a_failing_line_stops_the_script_and_its_error_names_the_file_and_line() throws Exception {
        assertThat(script("--version\nrnu\n--version\n")).isEqualTo(125);
        assertThat(err().lines()).containsExactly(
                "jlab: demo.jlab:2: 'rnu' is not a jlab command. Did you mean 'run'? See 'jlab --help'.");
        assertThat(out().lines()).containsExactly(version);
    }

    @Test
    void keep_going_runs_every_line_and_exits_with_the_first_failures_code() throws Exception {
        // A failure of code 7 first (a script that exits 7), then one of 125: the script's status is 7.
        java.nio.file.Files.writeString(dir.resolve("seven.jlab"), "exit 7\n");
        String text = "script " + dir.resolve("seven.jlab") + "\nrun --memory 64x busybox true\n--version\n";
        assertThat(script(text, "--keep-going")).isEqualTo(7);
        assertThat(err()).contains("jlab: demo.jlab:2: Invalid value for option '--memory': invalid size: '64x'");
        assertThat(out().lines()).as("the line after both failures ran").containsExactly(version);
        err.reset();
        out.reset();
        assertThat(script(text)).as("without --keep-going: the first failure stops it").isEqualTo(7);
        assertThat(out()).isEmpty();
    }

    @Test
    void exit_ends_a_script_even_with_keep_going() throws Exception {
        assertThat(script("rnu\nexit\n--version\n", "--keep-going")).isEqualTo(125);
        assertThat(out()).isEmpty();
        assertThat(script("exit 4\n--version\n", "--keep-going")).isEqualTo(4);
    }

    @Test
    void a_missing_script_is_one_line_and_125() {
        assertThat(cli.execute(java.util.List.of("script", dir.resolve("nope.jlab").toString()))).isEqualTo(125);
        assertThat(err().lines()).containsExactly("jlab: script " + dir.resolve("nope.jlab") + ": no such file");
    }

    @Test
    void script_is_a_command_with_its_help_which_documents_keep_going() {
        assertThat(cli.execute(java.util.List.of("script", "--help"))).isZero();
        assertThat(out()).contains("jlab script [-x]", "--keep-going", "first failure");
    }
}
