package jlab.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs every demo of src/demos on the real kernel, as root: each checks
 * itself (set -e, test, grep -q) and must exit 0, leaving no mount and no
 * temporary directory behind. Demos make their directories with
 * {@code mktemp -d /tmp/jlab-demo.XXXXXX} (README.md), so that what they leave
 * can be told apart from what other tests on this host are doing.
 */
@Tag("kernel")
class CourseDemosTest {

    @Test
    void every_demo_runs_as_root_and_leaves_the_host_as_it_was() throws IOException, InterruptedException {
        Skip.unless("root".equals(System.getProperty("user.name")), "the demos need root (chroot, mount)");
        for (Path demo : CourseSourcesTest.topLevelDemos()) {
            List<String> tmpBefore = tmp();
            Process p = new ProcessBuilder("sh", demo.toString()).redirectErrorStream(true).start();
            boolean done = p.waitFor(120, TimeUnit.SECONDS);
            if (!done) p.destroyForcibly().waitFor();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(done).as(demo + " finished in 120 s").isTrue();
            assertThat(p.exitValue()).as(demo + " said:\n" + out).isZero();
            assertThat(Files.readAllLines(Path.of("/proc/self/mountinfo"))).as(demo + " left a mount")
                    .noneMatch(l -> l.contains("/tmp/jlab-demo."));
            assertThat(tmp()).as(demo + " left a temporary file").isEqualTo(tmpBefore);
        }
    }

    private static List<String> tmp() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/tmp"))) {
            return s.map(Path::toString).filter(n -> n.startsWith("/tmp/jlab-demo.")).sorted().toList();
        }
    }
}
