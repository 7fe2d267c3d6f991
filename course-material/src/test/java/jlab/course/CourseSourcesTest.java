package jlab.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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

    /**
     * NAME.expect pins what a chapter quotes from NAME.jlab's output (src/sessions/README); shell's
     * CourseSessionsTest holds the output to it. Here, without a kernel: every session has its pins,
     * each pin names its stream and compiles (its {NAME} values put in).
     */
    @Test
    void every_session_has_its_pins_and_each_pin_is_a_valid_pattern() throws IOException {
        List<Path> sessions = files("sessions", ".jlab"), pins = files("sessions", ".expect");
        assertThat(pins.stream().map(p -> p.getFileName().toString().replace(".expect", "")).toList())
                .as("one NAME.expect per NAME.jlab").isEqualTo(sessions.stream().map(p -> p.getFileName().toString().replace(".jlab", "")).toList());
        for (Path f : pins) {
            List<String> lines = Files.readAllLines(f);
            int count = 0;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank() || line.startsWith("#")) continue;
                String where = f + ":" + (i + 1);
                assertThat(line).as(where + ": a pin starts with out:, err: or not:").matches("(out|err|not): \\S.*");
                // {kernel}, and {NAME} for what an earlier pin's group (?<NAME>...) matched, stand for a value.
                assertThatCode(() -> Pattern.compile(line.substring(5).replaceAll("\\{[a-zA-Z][a-zA-Z0-9]*\\}", "x")))
                        .as(where + ": not a regular expression").doesNotThrowAnyException();
                count++;
            }
            assertThat(count).as(f + " pins something").isPositive();
        }
    }

    @Test
    void a_line_with_an_unknown_command_would_be_caught() throws IOException {
        List<String> known = new ArrayList<>(words(false));
        known.addAll(words(true));
        assertThat(known).contains("run", "new", "pivot-root").doesNotContain("docker", "chroot", "ls");
    }

    @Test
    void every_demo_script_is_valid_for_the_shell_its_first_line_names() throws IOException, InterruptedException {
        List<Path> scripts = files("demos", ".sh");
        assertThat(scripts).as("the chapters' own folders are read too").contains(SRC.resolve("demos/runtimes/runc-bundle.sh"));
        for (Path demo : scripts) {
            String shebang = Files.readAllLines(demo).get(0);
            String shell = shebang.endsWith("bash") ? "bash" : "sh"; // "#!/usr/bin/env bash" or "#!/bin/sh"
            Process p = new ProcessBuilder(shell, "-n", demo.toString()).redirectErrorStream(true).start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.exitValue()).as(demo + " (" + shell + " -n): " + out).isZero();
        }
    }

    /**
     * Sessions, scripts, Dockerfiles and YAML are shown by a chapter, under their path below
     * {sessionsdir} or {demosdir}. Any other file of demos/ (main.py, site/index.html, .dockerignore)
     * is part of a build context: it lies beside or below a Dockerfile that a chapter shows.
     */
    @Test
    void every_session_and_demo_is_shown_by_a_chapter() throws IOException {
        StringBuilder chapters = new StringBuilder();
        for (String lang : List.of("fr", "en")) {
            for (Path c : files("docs/" + lang, ".adoc")) chapters.append(Files.readString(c));
        }
        for (Path f : files("sessions", ".jlab")) {
            assertThat(chapters).as(f + " is included by no chapter").contains("include::{sessionsdir}/" + f.getFileName() + "[");
        }
        List<Path> shownDockerfiles = new ArrayList<>();
        List<Path> contextFiles = new ArrayList<>();
        for (Path f : files("demos", "")) {
            String name = f.getFileName().toString();
            boolean dockerfile = name.equals("Dockerfile") || name.endsWith(".Dockerfile");
            if (!dockerfile && !name.endsWith(".sh") && !name.endsWith(".yaml")) {
                contextFiles.add(f);
                continue;
            }
            String include = "include::{demosdir}/" + SRC.resolve("demos").relativize(f) + "[";
            assertThat(chapters).as(f + " is included by no chapter (expected " + include + "...])").contains(include);
            if (dockerfile) shownDockerfiles.add(f);
        }
        for (Path f : contextFiles) {
            assertThat(shownDockerfiles).as(f + " is neither shown by a chapter nor in the build context of a Dockerfile a chapter shows")
                    .anyMatch(d -> f.startsWith(d.getParent()) && !d.getParent().equals(SRC.resolve("demos")));
        }
    }

    /** The files below {@code src/DIR} (at any depth) whose name ends with {@code extension}, in path order. */
    static List<Path> files(String dir, String extension) throws IOException {
        try (Stream<Path> s = Files.walk(SRC.resolve(dir))) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(extension)).sorted().toList();
        }
    }

    /**
     * The demos of src/demos itself, which {@link CourseDemosTest} runs; the chapters' folders
     * (images, runtimes, orchestration) have their own runners (demos.DemoScriptsTest, shell's CourseJlabDemosTest).
     */
    static List<Path> topLevelDemos() throws IOException {
        return files("demos", ".sh").stream().filter(p -> p.getParent().equals(SRC.resolve("demos"))).toList();
    }
}
