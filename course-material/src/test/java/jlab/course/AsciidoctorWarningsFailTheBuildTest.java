package jlab.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Asciidoctor's own warnings fail the build (the plugin's logHandler, failIf
 * WARN, in pom.xml): this module's real pom is built, offline, on a copy of
 * the fixture course whose chapter has a mistake only Asciidoctor sees (a
 * section out of sequence), which CourseBuild lets through. One Maven run,
 * about ten seconds (JRuby's start).
 */
class AsciidoctorWarningsFailTheBuildTest {
    @TempDir Path dir;

    @Test
    void a_chapter_that_asciidoctor_warns_about_fails_the_build_with_its_file_and_line() throws Exception {
        Path module = dir.resolve("course-material");
        copy(Path.of("pom.xml"), module.resolve("pom.xml"));
        copy(Path.of("src/main"), module.resolve("src/main"));
        copy(CourseValidationTest.FIXTURE.resolve("src"), module.resolve("src"));
        copy(Path.of("../pom.xml"), dir.resolve("pom.xml"));
        Path chapter = module.resolve("src/docs/en/two.adoc");
        Files.writeString(chapter, Files.readString(chapter).replace("== End", "==== End"));
        Path fr = module.resolve("src/docs/fr/two.adoc");
        Files.writeString(fr, Files.readString(fr).replace("== End", "==== End"));

        Process p = new ProcessBuilder(Path.of("../mvnw").toAbsolutePath().toString(), "-o", "-q", "-B", "-ntp",
                "-f", module.resolve("pom.xml").toString(), "process-classes",
                "-Dcourse.labs=" + CourseValidationTest.FIXTURE.resolve("labs").toAbsolutePath())
                .redirectErrorStream(true).start();
        boolean done = p.waitFor(300, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly().waitFor();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(done).as("the nested build finished").isTrue();
        assertThat(p.exitValue()).as(out).isNotZero();
        assertThat(out).contains("asciidoctor: WARN: " + module.resolve("src/docs/en/two.adoc") + ": line 7: section title out of sequence")
                .contains("issue(s) of severity WARN or higher during conversion");
        assertThat(out).as("CourseBuild passed it on").contains("[course] 2 chapters, 2 quizzes, 1 glossary terms");
        assertThat(module.resolve("target/course-inputs.sha256")).as("a failed render is not taken for a complete one").doesNotExist();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(t);
                else { Files.createDirectories(t.getParent()); Files.copy(f, t); }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
