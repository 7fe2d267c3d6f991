package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.engine.state.StateDir;
import jlab.shell.repl.CtrlC;
import jlab.shell.repl.LineHighlighter;
import jlab.shell.repl.TerminalColors;

/**
 * The prompt without a terminal (STYLE.md #8): a JLine DumbTerminal over
 * in-memory streams types the keys, the Repl reads them as it reads a
 * person's. What commands print goes to the session's streams; the prompt,
 * the echo of the keys and the questions to the terminal's.
 */
class ReplTest {
    @TempDir Path state;
    @TempDir Path home;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private Session session;
    private final String version = "jlab " + Cli.Version.get();

    /** Runs a Repl on {@code keys}, on a dumb terminal; returns its exit status. */
    private int type(String keys) throws IOException { return type("dumb", keys); }

    /**
     * Runs a Repl on {@code keys} on a terminal of type {@code type}: "dumb" (JLine then reads plain lines,
     * without line editing) or "ansi" (JLine edits the line: Tab, Ctrl-P, Ctrl-R), as JLine's own tests do.
     */
    private int type(String type, String keys) throws IOException {
        session = new Session(new StateDir(state), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        try (Terminal terminal = new DumbTerminal("test", type, new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)),
                screen, StandardCharsets.UTF_8)) {
            return new Repl(new Cli(session), session, terminal).history(home.resolve("history")).run();
        }
    }

    private String out() { return out.toString(StandardCharsets.UTF_8); }

    private String err() { return err.toString(StandardCharsets.UTF_8); }

    private String screen() { return screen.toString(StandardCharsets.UTF_8); }

    @Test
    void commands_run_as_on_the_command_line_and_the_end_of_input_leaves_with_0() throws IOException {
        assertThat(type("--version\njlab --version\n")).isZero();
        assertThat(out().lines()).containsExactly(version, version);
        assertThat(screen()).contains("jlab> ");
        assertThat(state.resolve("bin")).as("the engine never opened").doesNotExist();
    }

    @Test
    void an_unknown_command_suggests_the_closest_and_the_prompt_goes_on() throws IOException {
        assertThat(type("rnu --rm busybox\n--version\n")).isZero();
        assertThat(err().lines()).containsExactly("jlab: 'rnu' is not a jlab command. Did you mean 'run'? See 'jlab --help'.");
        assertThat(out().lines()).containsExactly(version);
    }

    @Test
    void a_wrong_flag_and_an_open_quote_are_one_line_each_and_the_prompt_goes_on() throws IOException {
        assertThat(type("run --no-such-flag busybox\nhelp 'run\n--version\n")).isZero();
        assertThat(err()).contains("jlab: Unknown option: '--no-such-flag'", "See 'jlab run --help'.");
        assertThat(out()).contains(version);
    }

    @Test
    void step_with_no_construction_is_one_line_saying_how_to_make_one_and_the_prompt_goes_on() throws IOException {
        assertThat(type("step\n--version\n")).isZero();
        assertThat(err().lines()).containsExactly("jlab: no container under construction: new NAME first");
        assertThat(out().lines()).containsExactly(version);
        assertThat(screen()).doesNotContain("jlab[");
        assertThat(state.resolve("bin")).as("the engine never opened").doesNotExist();
    }

    @Test
    void exit_leaves_and_what_follows_never_runs() throws IOException {
        assertThat(type("exit\n--version\n")).isZero();
        assertThat(out()).isEmpty();
        out.reset();
        assertThat(type("quit 3\n--version\n")).isEqualTo(3);
        assertThat(out()).isEmpty();
    }

    @Test
    void tab_completes_the_line_before_enter_runs_it() throws IOException {
        assertThat(type("ansi", "help ru\t\n")).isZero();
        assertThat(out()).startsWith("Usage: jlab run [OPTIONS] IMAGE");
    }

    @Test
    void help_cmd_prints_what_cmd_help_prints() throws IOException {
        type("help volume ls\n");
        String viaHelp = out();
        out.reset();
        type("volume ls --help\n");
        assertThat(viaHelp).isEqualTo(out()).contains("Usage: jlab volume ls");
    }

    @Test
    void history_is_kept_in_a_file_and_read_back_by_the_next_prompt() throws IOException {
        type("--version\nhelp ps\n");
        assertThat(Files.readAllLines(home.resolve("history"))).anyMatch(l -> l.endsWith("--version"))
                .anyMatch(l -> l.endsWith("help ps"));
        out.reset();
        // A second prompt: Ctrl-P (previous line) twice brings back --version from the first one's history.
        type("ansi", "\u0010\u0010\n");
        assertThat(out().lines()).containsExactly(version);
        out.reset();
        // Ctrl-R searches the history backwards: "vers" finds --version, Enter runs it.
        type("ansi", "\u0012vers\n");
        assertThat(out().lines()).containsExactly(version);
    }

    @Test
    void colours_are_off_on_a_dumb_terminal_and_under_no_color() throws IOException {
        type("rnu\n");
        assertThat(session.colors().enabled()).isFalse();
        assertThat(screen()).doesNotContain("\u001b[");
        try (Terminal xterm = new DumbTerminal("t", "xterm-256color", new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), StandardCharsets.UTF_8)) {
            assertThat(TerminalColors.of(xterm, Map.of()).enabled()).isTrue();
            assertThat(TerminalColors.of(xterm, Map.of("NO_COLOR", "1")).enabled()).isFalse();
        }
    }

    @Test
    void the_line_is_highlighted_known_command_cyan_unknown_red_flags_dim_quotes_distinct() {
        Session s = new Session(new StateDir(state), System.out, System.err);
        Cli cli = new Cli(s);
        LineHighlighter colours = new LineHighlighter(cli.spec(), () -> true, s::stepNames);
        String run = colours.highlight(null, "run --rm busybox sh -c 'echo hi'").toAnsi();
        assertThat(run).contains("\u001b[36mrun").contains("\u001b[2m--rm").contains("\u001b[33m'echo hi'");
        assertThat(colours.highlight(null, "rnu").toAnsi()).contains("\u001b[31mrnu");
        assertThat(colours.highlight(null, "volume lss").toAnsi()).contains("\u001b[36mvolume").contains("\u001b[31mlss");
        LineHighlighter plain = new LineHighlighter(cli.spec(), () -> false, s::stepNames);
        assertThat(plain.highlight(null, "run --rm 'x'").toAnsi()).isEqualTo("run --rm 'x'");
    }

    @Test
    void ctrl_c_interrupts_the_running_command_on_its_own_thread_and_the_next_read_is_not_cut() throws Exception {
        try (Terminal terminal = new DumbTerminal(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream())) {
            CtrlC ctrlC = new CtrlC(Thread.currentThread());
            terminal.handle(Terminal.Signal.INT, ctrlC);
            Thread key = new Thread(() -> {
                sleep(300);
                terminal.raise(Terminal.Signal.INT); // what the terminal does on Ctrl-C
            });
            key.start();
            long start = System.nanoTime();
            int code = ctrlC.run(() -> {
                try {
                    Thread.sleep(20_000); // a command that waits, as logs -f and stats do
                    return 0;
                } catch (InterruptedException e) {
                    return 130;
                }
            });
            key.join();
            assertThat(code).isEqualTo(130);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            terminal.raise(Terminal.Signal.INT); // Ctrl-C with no command running: nothing is interrupted
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
