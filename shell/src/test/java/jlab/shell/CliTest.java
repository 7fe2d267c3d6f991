package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.engine.state.StateDir;

/**
 * The command line without the kernel: version, help and every mistake that is
 * caught before the engine opens. Each test proves the engine stayed closed:
 * opening it would extract the helper into the state directory.
 */
class CliTest {
    @TempDir Path state;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Cli cli;

    @BeforeEach
    void aSessionOverMemoryStreams() {
        Session session = new Session(new StateDir(state),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        cli = new Cli(session);
    }

    @AfterEach
    void theEngineWasNeverOpened() throws IOException {
        try (Stream<Path> files = Files.list(state)) {
            assertThat(files).as("the state directory").isEmpty();
        }
    }

    private int jlab(String... args) { return cli.execute(List.of(args)); }

    private String out() { return out.toString(StandardCharsets.UTF_8); }

    private String err() { return err.toString(StandardCharsets.UTF_8); }

    @Test
    void version_prints_jlab_and_the_maven_version() {
        assertThat(jlab("--version")).isZero();
        assertThat(Cli.Version.get()).as("filtered from the pom").matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(out()).isEqualTo("jlab " + Cli.Version.get() + System.lineSeparator());
        assertThat(err()).isEmpty();
    }

    @Test
    void help_lists_every_command() {
        assertThat(jlab("help")).isZero();
        assertThat(out()).contains("run", "ps", "rm", "images", "gc", "volume");
        assertThat(out()).contains("exec", "top", "stats", "inspect", "pause", "unpause");
    }

    @Test
    void a_bad_v_mount_or_tmpfs_is_125_in_one_line_before_the_engine_opens() {
        assertThat(jlab("run", "--rm", "-v", "/srv:/a/../etc", "busybox", "true")).isEqualTo(125);
        assertThat(jlab("run", "--rm", "--mount", "type=bind,target=/x", "busybox", "true")).isEqualTo(125);
        assertThat(jlab("run", "--rm", "--tmpfs", "scratch", "busybox", "true")).isEqualTo(125);
        assertThat(err().lines()).hasSize(3).allMatch(l -> l.startsWith("jlab: "));
    }

    @Test
    void run_help_shows_the_mount_flags_and_volume_help_its_commands() {
        assertThat(jlab("run", "--help")).isZero();
        assertThat(out()).contains("-v, --volume", "--mount", "--tmpfs");
        assertThat(jlab("volume", "--help")).isZero();
        assertThat(out()).contains("create", "ls", "inspect", "rm");
    }

    @Test
    void exec_help_shows_dockers_flags_and_exec_without_a_command_is_one_line() {
        assertThat(jlab("exec", "--help")).isZero();
        assertThat(out()).contains("jlab exec [OPTIONS] CONTAINER COMMAND [ARG...]", "--interactive", "--tty", "--detach",
                "--env", "--workdir", "--user", "--explain");
        assertThat(jlab("exec", "box")).isEqualTo(125);
        assertThat(err().lines()).hasSize(1).first().asString().contains("requires a container and a command");
    }

    @Test
    void run_help_shows_the_flags() {
        assertThat(jlab("run", "--help")).isZero();
        assertThat(out()).contains("jlab run [OPTIONS] IMAGE [COMMAND] [ARG...]",
                "--rm", "--name", "--memory", "--memory-swap", "--cpus", "--pids-limit", "--userns", "--explain");
    }

    @Test
    void an_unknown_flag_is_125_with_dockers_two_lines() {
        assertThat(jlab("run", "--no-such-flag", "busybox", "true")).isEqualTo(125);
        assertThat(err().lines()).containsExactly("jlab: Unknown option: '--no-such-flag'", "See 'jlab run --help'.");
        assertThat(out()).isEmpty();
    }

    @Test
    void an_unknown_command_is_125() {
        assertThat(jlab("nosuch")).isEqualTo(125);
        assertThat(err()).contains("'nosuch'").contains("See 'jlab --help'.");
    }

    @Test
    void no_command_at_all_is_125() {
        assertThat(jlab()).isEqualTo(125);
        assertThat(err()).contains("a command is missing");
    }

    @Test
    void a_memory_size_with_a_bad_unit_is_125() {
        assertThat(jlab("run", "--memory", "64x", "busybox")).isEqualTo(125);
        assertThat(err()).contains("--memory").contains("invalid size: '64x'").contains("See 'jlab run --help'.");
    }

    @Test
    void a_memory_limit_below_6m_is_125_with_one_line_and_no_stack_trace() {
        assertThat(jlab("run", "--memory", "1m", "busybox", "true")).isEqualTo(125);
        assertThat(err().lines()).containsExactly(
                "jlab: --memory must be at least 6m (the kernel needs room for the process itself)");
    }

    @Test
    void run_without_an_image_is_125() {
        assertThat(jlab("run", "--rm")).isEqualTo(125);
        assertThat(err()).contains("\"jlab run\" requires an image");
    }

    @Test
    void options_do_not_carry_over_from_one_command_to_the_next() {
        assertThat(jlab("run", "--memory", "64m", "--memory-swap", "32m", "busybox")).isEqualTo(125);
        assertThat(err()).contains("--memory-swap must be at least --memory");
        err.reset();

        // Had --memory 64m stuck from the command before, this would be the same error.
        assertThat(jlab("run", "--memory-swap", "32m", "busybox")).isEqualTo(125);
        assertThat(err()).contains("--memory-swap needs --memory too");
    }

    @Test
    void an_unknown_command_is_one_line_with_the_closest_command_and_125() {
        assertThat(jlab("rnu", "--rm", "busybox")).isEqualTo(125);
        assertThat(jlab("volume", "lss")).isEqualTo(125);
        assertThat(jlab("xyzzy")).isEqualTo(125);
        assertThat(err().lines()).containsExactly(
                "jlab: 'rnu' is not a jlab command. Did you mean 'run'? See 'jlab --help'.",
                "jlab: 'lss' is not a jlab volume command. Did you mean 'ls'? See 'jlab volume --help'.",
                "jlab: 'xyzzy' is not a jlab command. See 'jlab --help'.");
    }

    @Test
    void help_lists_the_commands_in_groups_and_help_cmd_is_cmd_help() {
        assertThat(jlab("help")).isZero();
        String groups = out();
        assertThat(groups).contains("Containers, with Docker's verbs:", "See the kernel's view:", "Other:")
                .doesNotContain("container-exited");
        assertThat(groups.indexOf("    run ")).isLessThan(groups.indexOf("See the kernel's view:"));
        assertThat(groups.indexOf("    ns ")).isGreaterThan(groups.indexOf("See the kernel's view:"));
        out.reset();
        assertThat(jlab("--help")).isZero();
        assertThat(out()).isEqualTo(groups);
        out.reset();
        assertThat(jlab("help", "network", "create")).isZero();
        String viaHelp = out();
        out.reset();
        assertThat(jlab("network", "create", "--help")).isZero();
        assertThat(viaHelp).isEqualTo(out()).startsWith("Usage: jlab network create");
        assertThat(jlab("help", "rnu")).isEqualTo(125);
        assertThat(err()).contains("Did you mean 'run'?");
    }

    @Test
    void a_command_the_group_table_does_not_know_is_listed_under_other() {
        Cli.Jlab root = new Cli.Jlab();
        picocli.CommandLine cl = new picocli.CommandLine(root);
        cl.addSubcommand(new picocli.CommandLine(new Later()));
        cl.getHelpSectionMap().put(picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandGroups());
        assertThat(cl.getUsageMessage()).contains("  Other:", "    later");
    }

    @picocli.CommandLine.Command(name = "later", description = "A command added after the table.")
    static final class Later implements Runnable {
        @Override
        public void run() {}
    }
}
