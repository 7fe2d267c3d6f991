package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hook of course-material/src/sessions/README: every jlab session a
 * chapter shows is replayed here, whole, with {@code jlab script FILE} on the
 * real kernel. It must succeed, print what the chapter quotes from it (the
 * pins of {@code NAME.expect}: {@link SessionExpectations}) and leave the host
 * as it was, so the course shows only what jlab really does.
 *
 * <p>A session's paths are relative to the repository's root, where a student runs
 * {@code ./jlab} ({@code build course-material/src/demos/images/web}). Each is replayed in a
 * scratch directory laid out like that root (its {@code course-material} a link to this one), so
 * that what it writes there ({@code save -o web.tar}) goes with the directory, not into the checkout.
 */
class CourseSessionsTest extends RealJlabTest {
    /** The course's sessions, read by path from the reactor (shell does not depend on course-material). */
    static final Path COURSE = Path.of("..", "course-material").toAbsolutePath().normalize();
    static final Path SESSIONS = COURSE.resolve("src/sessions");

    static Stream<Path> sessions() throws IOException {
        assertThat(SESSIONS).as("the course's sessions, next to this module").isDirectory();
        List<Path> files;
        try (Stream<Path> s = Files.list(SESSIONS)) {
            files = s.filter(p -> p.toString().endsWith(".jlab")).sorted().toList();
        }
        assertThat(files).as("sessions to replay").isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void every_course_session_replays_prints_what_the_course_quotes_and_leaves_the_host_as_it_was(Path session,
            @TempDir Path root) throws IOException {
        Files.createSymbolicLink(root.resolve("course-material"), COURSE);
        HostSnapshot before = HostSnapshot.take(state);
        JlabProcess.Result r = jlab.runIn(root, "script", "-x", session.toAbsolutePath().toString());
        assertThat(r.exitCode()).as(session + " failed:\n" + r.err()).isZero();
        Path pins = expectations(session);
        assertThat(pins).as("what the chapter quotes from " + session.getFileName() + " is pinned").isRegularFile();
        assertThat(SessionExpectations.mismatches(pins, r.out(), r.err()))
                .as(session + " no longer prints what the course says it does; its output:\n" + r.out() + "\nstandard error:\n" + r.err())
                .isEmpty();
        assertThat(HostSnapshot.take(state).changesSince(before)).as(session + " left something behind").isEmpty();
    }

    /** {@code NAME.expect} beside {@code NAME.jlab}. */
    static Path expectations(Path session) {
        String name = session.getFileName().toString();
        return session.resolveSibling(name.substring(0, name.length() - ".jlab".length()) + ".expect");
    }
}
