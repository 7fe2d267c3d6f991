package jlab.course.demos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Dockerfiles the "images" chapter shows (src/demos/images) are well formed: checked here
 * in a moment, without root. shell's CourseJlabDemosTest builds each of them with jlab itself.
 */
class DockerfilesTest {
    static final Path IMAGES = Path.of("src/demos/images");

    @Test
    void every_dockerfile_of_the_images_chapter_is_well_formed() throws IOException {
        List<Path> dockerfiles;
        try (Stream<Path> walk = Files.walk(IMAGES)) {
            dockerfiles = walk.filter(p -> p.getFileName().toString().matches("Dockerfile|.*\\.Dockerfile")).sorted().toList();
        }
        assertThat(dockerfiles).as("Dockerfiles under " + IMAGES).hasSizeGreaterThanOrEqualTo(5);
        for (Path d : dockerfiles) {
            assertThat(DockerfileLint.check(d, d.getParent())).as(d.toString()).isEmpty();
        }
    }

    @Test
    void the_web_dockerfile_uses_every_instruction_the_chapter_teaches() throws IOException {
        String text = Files.readString(IMAGES.resolve("web/Dockerfile"));
        for (String i : List.of("FROM", "RUN", "COPY", "ENV", "WORKDIR", "EXPOSE", "CMD", "ENTRYPOINT", "LABEL", "VOLUME")) {
            assertThat(text).as("web/Dockerfile has " + i).containsPattern("(?m)^" + i + " ");
        }
    }

    @Test
    void a_broken_dockerfile_is_caught_with_its_line(@TempDir Path context) throws IOException {
        Path d = context.resolve("Dockerfile");
        Files.writeString(d, String.join("\n",
                "RUN echo too early",                   // 1: before FROM
                "FROM busybox:1.36",                    // 2
                "COPYY site/ /srv",                     // 3: unknown instruction
                "COPY missing/ /srv",                   // 4: not in the context
                "COPY ../../etc/passwd /x",             // 5: outside the context
                "COPY --from=build /a /b",              // 6: no such stage
                "EXPOSE http",                          // 7: not a port
                "CMD ['sh', '-c', 'true']",             // 8: single quotes: not JSON
                "ENV PATH /bin",                        // 9: the legacy form, refused here
                "RUN echo \\"));                        // 10: continued to nothing
        assertThat(DockerfileLint.check(d, context)).containsExactly(
                "Dockerfile:1: RUN before FROM (only ARG may come first)",
                "Dockerfile:3: unknown instruction \"COPYY\" (expected one of FROM, RUN, COPY, ...)",
                "Dockerfile:4: COPY source \"missing/\" not found in the context " + context,
                "Dockerfile:5: COPY source \"../../etc/passwd\" is outside the build context",
                "Dockerfile:6: --from=build: no stage of that name before (FROM ... AS build)",
                "Dockerfile:7: EXPOSE PORT[/tcp|/udp] expected, not \"http\"",
                "Dockerfile:8: not a valid JSON array (the exec form needs double quotes): ['sh', '-c', 'true']",
                "Dockerfile:9: ENV KEY=VALUE expected, not \"PATH /bin\"",
                "Dockerfile:10: the last instruction ends with \\ (continued to nothing)");
    }
}
