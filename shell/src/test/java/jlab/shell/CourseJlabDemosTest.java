package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The course's shell demos that drive jlab itself (course-material/src/demos), run for real
 * with this build's jlab: they print what the chapter says, exit 0, and leave nothing.
 * (The demos that need only Linux tools are run by course-material's DemoScriptsTest.)
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

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
