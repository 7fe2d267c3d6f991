package jlab.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The files the chapters show snippets of: each session script uses only
 * commands jlab has (the real replay is the shell module's CourseSessionsTest),
 * each demo is valid sh (the real run is CourseDemosTest), and each is shown
 * by some chapter (a file no chapter includes is dead weight that drifts).
 */
class CourseSourcesTest {
    static final Path SRC = Path.of("src");

    /** The words a session line may start with; {@code steps}: the step-mode shortcuts' (see the file's header). */
    static List<String> words(boolean steps) throws IOException {
        List<String> commands = new ArrayList<>(), stepWords = new ArrayList<>();
        List<String> into = commands;
        for (String line : Files.readAllLines(Path.of("src/test/resources/jlab-commands.txt"))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            if (line.equals("steps:")) { into = stepWords; continue; }
            into.add(line.strip());
        }
        return steps ? stepWords : commands;
    }

    @Test
    void every_session_line_starts_with_a_jlab_command_or_a_step_shortcut() throws IOException {
        List<String> known = new ArrayList<>(words(false));
        known.addAll(words(true));
        List<Path> sessions = files("sessions", ".jlab");
        assertThat(sessions).isNotEmpty();
        for (Path session : sessions) {
            List<String> lines = Files.readAllLines(session);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                String first = line.split("\\s+")[0];
                if (first.equals("jlab")) first = line.split("\\s+")[1]; // "jlab run ..." is accepted in a script
                assertThat(known).as(session + ":" + (i + 1) + ": \"" + first + "\" is not a jlab command").contains(first);
            }
        }
    }

    @Test
    void a_line_with_an_unknown_command_would_be_caught() throws IOException {
        List<String> known = new ArrayList<>(words(false));
        known.addAll(words(true));
        assertThat(known).contains("run", "new", "pivot-root").doesNotContain("docker", "chroot", "ls");
    }

    @Test
    void every_demo_is_valid_sh() throws IOException, InterruptedException {
        for (Path demo : files("demos", ".sh")) {
            Process p = new ProcessBuilder("sh", "-n", demo.toString()).redirectErrorStream(true).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.exitValue()).as(demo + ": " + out).isZero();
        }
    }

    @Test
    void every_session_and_demo_is_shown_by_a_chapter() throws IOException {
        StringBuilder chapters = new StringBuilder();
        for (String lang : List.of("fr", "en")) {
            for (Path c : files("docs/" + lang, ".adoc")) chapters.append(Files.readString(c));
        }
        for (Path f : Stream.concat(files("sessions", ".jlab").stream(), files("demos", ".sh").stream()).toList()) {
            String dir = f.getParent().getFileName().toString().equals("sessions") ? "{sessionsdir}/" : "{demosdir}/";
            assertThat(chapters).as(f + " is included by no chapter").contains("include::" + dir + f.getFileName());
        }
    }

    static List<Path> files(String dir, String extension) throws IOException {
        try (Stream<Path> s = Files.list(SRC.resolve(dir))) {
            return s.filter(p -> p.toString().endsWith(extension)).sorted().toList();
        }
    }
}
