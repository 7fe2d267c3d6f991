package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of the tests that run the real jlab on the real kernel: each test
 * class gets its own state directory, and skips (with the reason) when not root.
 */
@Tag("kernel")
abstract class RealJlabTest {
    @TempDir static Path state;
    static JlabProcess jlab;

    @BeforeAll
    static void startJlab() {
        Root.assumeRoot();
        jlab = new JlabProcess(state);
        jlab.run("run", "--rm", "busybox", "true"); // builds the image once: not part of what a test leaves
    }

    /** The built-in busybox image's one layer, unpacked: a root filesystem a test may read or copy (never change). */
    static Path busyboxRootfs() {
        JlabProcess.Result r = jlab.run("image", "inspect", "--layers", "-q", "busybox");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines()).as("busybox has one layer").hasSize(1);
        return Path.of(r.lines().get(0));
    }

    /** The host as it was: jlab gc removes the engine's parent cgroup once its containers are gone. */
    @AfterAll
    static void leaveNoParentCgroup() {
        if (jlab == null) return;
        jlab.run("gc");
        assertThat(HostSnapshot.parentCgroups(state)).as("the engine's parent cgroup after jlab gc").isEmpty();
    }
}
