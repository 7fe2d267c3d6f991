package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.engine.state.StateDir;

/**
 * course-material checks, without root, that its session scripts use only
 * jlab's commands, from a list it keeps (it cannot depend on this module).
 * This test keeps that list true: its commands are exactly the command
 * model's.
 */
class CourseCommandListTest {
    static final Path LIST = Path.of("../course-material/src/test/resources/jlab-commands.txt");

    @TempDir Path state;

    @Test
    void the_courses_list_of_commands_is_exactly_jlabs() throws IOException {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        Cli cli = new Cli(new Session(new StateDir(state), quiet, quiet));
        assertThat(new TreeSet<>(listedCommands())).as(LIST + " (add or remove the command there)")
                .isEqualTo(new TreeSet<>(cli.spec().subcommands().keySet()));
    }

    /** The lines before "steps:" that are not comments. */
    private static List<String> listedCommands() throws IOException {
        List<String> commands = new ArrayList<>();
        for (String line : Files.readAllLines(LIST)) {
            if (line.equals("steps:")) break;
            if (!line.isBlank() && !line.startsWith("#")) commands.add(line.strip());
        }
        return commands;
    }
}
