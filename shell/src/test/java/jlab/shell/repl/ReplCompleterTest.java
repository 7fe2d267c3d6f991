package jlab.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.engine.state.StateDir;
import jlab.shell.Cli;
import jlab.shell.Session;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Tab at the prompt, without a terminal: the completer asked as JLine asks it,
 * over a state directory the test fills by hand. Every answer comes from the
 * picocli model or the state directory, never from an open engine.
 */
class ReplCompleterTest {
    @TempDir Path state;
    @TempDir Path files;
    private Session session;
    private ReplCompleter completer;
    private LineReader reader;
    private DumbTerminal terminal;

    @BeforeEach
    void aCompleterOverTheCommandModel() throws IOException {
        PrintStream nowhere = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        session = new Session(new StateDir(state), nowhere, nowhere);
        CommandSpec spec = new Cli(session).spec();
        completer = new ReplCompleter(spec, session.stateDir(), session::stepNames);
        terminal = new DumbTerminal(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream());
        reader = LineReaderBuilder.builder().terminal(terminal).build();
    }

    @AfterEach
    void close() throws IOException { terminal.close(); }

    /** The values Tab offers at the end of {@code line}. */
    private List<String> tab(String line) {
        ParsedLine parsed = reader.getParser().parse(line, line.length(), ParseContext.COMPLETE);
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(reader, parsed, candidates);
        String word = parsed.word().substring(0, parsed.wordCursor());
        // JLine keeps the candidates that start with the word typed: so does this helper.
        return candidates.stream().map(Candidate::value).filter(v -> v.startsWith(word)).distinct().toList();
    }

    /** A container as the engine records it: names/NAME holds the id of containers/ID. */
    private void container(String name, String id) throws IOException {
        Files.createDirectories(state.resolve("containers").resolve(id));
        Files.createDirectories(state.resolve("names"));
        Files.writeString(state.resolve("names").resolve(name), id);
    }

    @Test
    void command_names_come_from_the_command_model_without_hidden_ones() {
        assertThat(tab("ru")).containsExactly("run");
        assertThat(tab("")).contains("run", "ps", "exec", "volume", "network", "script", "help", "exit", "ns")
                .doesNotContain("container-exited");
        assertThat(tab("jlab st")).contains("start", "stop", "stats");
    }

    @Test
    void sub_commands_complete_after_their_command() {
        assertThat(tab("volume ")).containsExactlyInAnyOrder("create", "ls", "inspect", "rm", "prune");
        assertThat(tab("network c")).containsExactly("create");
        assertThat(tab("help vol")).containsExactly("volume");
        assertThat(tab("help volume ")).contains("ls", "create");
    }

    @Test
    void flags_are_the_commands_own() {
        assertThat(tab("run --me")).containsExactlyInAnyOrder("--memory", "--memory-swap");
        assertThat(tab("volume ls -")).contains("--json", "-q", "--quiet").doesNotContain("--memory");
        assertThat(tab("script -")).contains("-x", "--keep-going");
    }

    @Test
    void after_the_image_the_words_are_the_containers_command_not_jlabs() {
        assertThat(tab("run busybox --me")).isEmpty();
        assertThat(tab("run -m 64m --name web busybox sh -")).isEmpty();
    }

    @Test
    void container_names_are_read_from_the_state_directory_and_a_stale_name_is_skipped() throws IOException {
        container("web", "a".repeat(64));
        container("db", "b".repeat(64));
        Files.writeString(state.resolve("names").resolve("gone"), "c".repeat(64)); // its container was removed
        assertThat(tab("stop ")).containsExactly("db", "web");
        assertThat(tab("exec w")).containsExactly("web");
        assertThat(tab("exec web ")).doesNotContain("web", "db");
        assertThat(tab("ns ")).containsExactly("db", "web");
        assertThat(tab("rm -f d")).containsExactly("db");
        assertThat(state.resolve("bin")).as("the engine was never opened").doesNotExist();
    }

    @Test
    void images_complete_where_an_image_goes_busybox_even_before_its_first_build() {
        assertThat(tab("run ")).containsExactly("busybox");
        assertThat(tab("run -d --name web -m 64m bu")).containsExactly("busybox");
        assertThat(tab("create ")).containsExactly("busybox");
    }

    @Test
    void after_new_the_first_word_is_a_name_and_the_second_an_image() {
        assertThat(tab("new ")).as("NAME: the student's to choose").isEmpty();
        assertThat(tab("new box ")).containsExactly("busybox");
        assertThat(tab("new box bu")).containsExactly("busybox");
        assertThat(tab("new box busybox ")).as("then options, or -- and the command").isEmpty();
    }

    @Test
    void step_names_complete_after_step_one_word_at_a_time_and_as_commands_in_step_mode() {
        assertThat(tab("step ")).isEmpty();
        session.stepNames(() -> List.of("unshare uts", "hostname", "unshare pid", "mount proc", "pivot-root"));
        assertThat(tab("step ")).containsExactly("unshare", "hostname", "mount", "pivot-root");
        assertThat(tab("step unshare ")).containsExactly("uts", "pid");
        assertThat(tab("step --to piv")).containsExactly("pivot-root");
        assertThat(tab("unsh")).containsExactly("unshare");
        assertThat(tab("unshare ")).containsExactly("uts", "pid");
    }

    @Test
    void paths_complete_for_path_flags_and_script_files() throws IOException {
        Files.createDirectories(files.resolve("site"));
        Files.writeString(files.resolve("demo.jlab"), "ps\n");
        String dir = files + "/";
        assertThat(tab("run -v " + dir + "si")).containsExactly(dir + "site/");
        assertThat(tab("run --rootfs " + dir)).containsExactlyInAnyOrder(dir + "site/", dir + "demo.jlab");
        assertThat(tab("script " + dir + "de")).containsExactly(dir + "demo.jlab");
        assertThat(tab("run --network ")).contains("bridge", "none", "host");
    }

    @Test
    void builds_context_and_dockerfile_complete_as_paths_because_the_model_types_them_so() throws IOException {
        Files.createDirectories(files.resolve("site"));
        Files.writeString(files.resolve("web.Dockerfile"), "FROM busybox\n");
        String dir = files + "/";
        assertThat(tab("build " + dir + "si")).containsExactly(dir + "site/");
        assertThat(tab("build -t web:1 -f " + dir + "we")).containsExactly(dir + "web.Dockerfile");
        assertThat(tab("build --network ")).contains("bridge", "none", "host");
    }

    @Test
    void a_tab_answers_well_under_50_ms() throws IOException {
        for (int i = 0; i < 200; i++) container("c" + i, String.format("%064d", i));
        tab("stop "); // the first, cold
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) assertThat(tab("stop c1")).hasSize(111);
        assertThat((System.nanoTime() - start) / 20 / 1_000_000).as("ms per completion, 200 containers").isLessThan(50);
    }
}
