package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The course's shell demos that drive jlab itself (course-material/src/demos), run for real
 * with this build's jlab: they print what the chapter says, exit 0, and leave nothing.
 * The chapter's Dockerfiles are built with it too. (The demos that need only Linux tools are
 * run by course-material's DemoScriptsTest.)
 */
@Tag("kernel")
class CourseJlabDemosTest {
    static final Path DEMOS = Path.of("..", "course-material", "src", "demos").toAbsolutePath().normalize();

    /** A `jlab` command for the demo: this build's main class on the test classpath, as JlabProcess runs it. */
    static Path jlabWrapper(Path dir) throws Exception {
        Path wrapper = dir.resolve("jlab");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(wrapper, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -cp '"
                + System.getProperty("java.class.path") + "' " + Main.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        return wrapper;
    }

    @Test
    void commit_by_hand_shows_the_upper_layer_with_its_whiteout_and_leaves_nothing(@TempDir Path tmp) throws Exception {
        Root.assumeRoot();
        Path state = tmp.resolve("state");
        ProcessBuilder pb = new ProcessBuilder("bash", DEMOS.resolve("images/commit-by-hand.sh").toString());
        pb.environment().put("JLAB", jlabWrapper(tmp).toString());
        pb.environment().put("JLAB_STATE_DIR", state.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("the demo finishes").isTrue();
        assertThat(p.exitValue()).as(err.join()).isZero();
        // docker diff's letters: the changed directories, the whiteout of the deleted file, the added file.
        assertThat(out.join()).containsSubsequence("C /bin\n", "D /bin/vi   (whiteout: character special file 0,0)\n",
                "C /etc\n", "A /etc/motd\n");
        assertThat(out.join()).containsPattern("layer: \\d+ entries, sha256:[0-9a-f]{64}\n");
        assertThat(out.join()).contains("image unchanged: ").endsWith("demo: ok\n");
        // A state directory it was given is kept (never removed by the demo), but emptied of containers;
        // jlab gc, run by the demo, removed the engine's parent cgroup.
        assertThat(state.resolve("containers")).isEmptyDirectory();
        assertThat(HostSnapshot.parentCgroups(state)).as("the engine's parent cgroup").isEmpty();
    }

    /**
     * The images chapter's Dockerfiles, each with what jlab makes of it: "builds", or the base image
     * it cannot pull (jlab pulls from no registry), at which it must stop, having read the whole file.
     */
    static final Map<String, String> DOCKERFILES = Map.of(
            "web/Dockerfile", "builds",
            "shell-vs-exec.Dockerfile", "builds",
            "app/layering-bad.Dockerfile", "debian:12",
            "app/layering-good.Dockerfile", "debian:12-slim",
            "hello/multi-stage.Dockerfile", "gcc:13");

    @Test
    void every_dockerfile_of_the_images_chapter_builds_with_jlab_or_stops_only_at_a_base_image_it_cannot_pull(@TempDir Path tmp)
            throws Exception {
        Root.assumeRoot();
        Path images = DEMOS.resolve("images");
        List<String> found;
        try (Stream<Path> walk = Files.walk(images)) {
            found = walk.filter(p -> p.getFileName().toString().matches("Dockerfile|.*\\.Dockerfile"))
                    .map(p -> images.relativize(p).toString()).toList();
        }
        assertThat(found).as("every Dockerfile of the chapter is listed here").containsExactlyInAnyOrderElementsOf(DOCKERFILES.keySet());
        Path state = tmp.resolve("state");
        JlabProcess jlab = new JlabProcess(state);
        try {
            for (Map.Entry<String, String> d : DOCKERFILES.entrySet()) {
                Path file = images.resolve(d.getKey());
                String tag = "course-" + d.getKey().replaceAll("[/.]", "-").toLowerCase() + ":1"; // course-web-dockerfile:1
                JlabProcess.Result r = jlab.run("build", "-q", "-t", tag, "-f", file.toString(), file.getParent().toString());
                if (d.getValue().equals("builds")) {
                    assertThat(r.exitCode()).as(d.getKey() + " builds:\n" + r.err()).isZero();
                } else {
                    assertThat(r.exitCode()).as(d.getKey()).isEqualTo(1);
                    assertThat(r.err()).as(d.getKey() + " stops at its FROM, in one line").hasLineCount(1)
                            .contains(file.getFileName() + ":").contains("FROM " + d.getValue() + ": Unable to find image '"
                                    + d.getValue() + "' locally: jlab pulls from no registry");
                }
            }
            // The web site: -P publishes the port it EXPOSEs, and httpd, as the user web, serves the page COPY put there.
            ok(jlab.run("run", "-d", "--name", "course-web", "-P", "course-web-dockerfile:1"));
            JsonNode ports = new ObjectMapper().readTree(ok(jlab.run("inspect", "course-web")).out()).get(0)
                    .get("NetworkSettings").get("Ports");
            int hostPort = Integer.parseInt(ports.get("8080/tcp").get(0).get("HostPort").asText());
            assertThat(BridgeNetworkTest.httpGet("127.0.0.1", hostPort))
                    .isEqualTo(Files.readString(images.resolve("web/site/index.html")));
            assertThat(ok(jlab.run("exec", "course-web", "id", "-un")).out()).isEqualTo("web\n");
            // ENTRYPOINT ["sleep"] with CMD ["3600"]: run's argument replaces CMD only, so this sleeps 0 s.
            ok(jlab.run("run", "--rm", "course-shell-vs-exec-dockerfile:1", "0"));
        } finally {
            jlab.run("rm", "-f", "course-web");
            jlab.run("rmi", "course-web-dockerfile:1", "course-shell-vs-exec-dockerfile:1");
            jlab.run("gc");
        }
        assertThat(ok(jlab.run("images", "-q")).out().lines().count()).as("only the built-in busybox is left").isEqualTo(1);
        assertThat(state.resolve("containers")).isEmptyDirectory();
        assertThat(HostSnapshot.parentCgroups(state)).as("the engine's parent cgroup").isEmpty();
    }

    private static JlabProcess.Result ok(JlabProcess.Result r) {
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r;
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
