package jlab.kernel.helper;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import jlab.kernel.Skip;
import jlab.kernel.syscall.Leaks;
import jlab.kernel.syscall.Syscalls;

/**
 * Base of the tests that drive the real native helper through {@link Helper}.
 *
 * <p>Helpers are started from the JUnit thread, which also waits for them:
 * {@code --die-with-parent} ties a helper to the <em>thread</em> that spawned it.
 * After each test every helper is closed (end-of-file, or SIGKILL once it ran a
 * command) and reaped, every process a test named is gone, and no mount is left
 * under the test's directory in our mount namespace.
 *
 * <p>A command a helper runs gets the JVM's standard streams unless told
 * otherwise, and under Maven those are Surefire's channel: tests redirect them
 * with {@link #captureOutput} before {@code exec}.
 */
@Tag("kernel")
abstract class RealHelperTest {
    static final String BUSYBOX = "/bin/busybox";

    @TempDir
    static Path binaryDir;
    static HelperBinary binary;

    @TempDir
    Path dir;

    final Syscalls sys = Syscalls.get();
    private final List<Helper> helpers = new ArrayList<>();
    private final List<Long> processes = new ArrayList<>();

    @BeforeAll
    static void extractTheHelper() {
        binary = HelperBinary.extractTo(binaryDir);
    }

    @BeforeEach
    void requireRootAndBusybox() {
        Skip.unless(Syscalls.get().geteuid() == 0, "requires root: the helper makes namespaces, mounts and device nodes");
        assumeTrue(Files.isExecutable(Path.of(BUSYBOX)), "requires a static " + BUSYBOX + ": the commands run in new roots");
    }

    @AfterEach
    void nothingLeaks() {
        helpers.forEach(Helper::close);
        processes.forEach(Leaks::assertProcessGone);
        Leaks.assertNoMountUnder(dir);
    }

    /** A helper that dies with the calling thread, closed and reaped after the test. */
    Helper start() {
        return started(Helper.start(binary, true));
    }

    Helper started(Helper helper) {
        helpers.add(helper);
        mustBeGoneAfterwards(helper.pid());
        return helper;
    }

    /** A process the helper made (an init): checked to be gone, reaped, after the test. */
    void mustBeGoneAfterwards(long pid) {
        processes.add(pid);
    }

    /** {@code unshare pid} then {@code fork}: returns the init's host pid, which must be gone after the test. */
    long forkInit(Helper helper) {
        helper.call("unshare", "pid");
        long init = helper.call("fork").getLong("init");
        mustBeGoneAfterwards(init);
        return init;
    }

    /**
     * {@code stdio /dev/null OUT OUT}: the command reads nothing and writes its
     * output and errors to a file of the test. Host paths: send it before chroot
     * or pivot_root.
     */
    Path captureOutput(Helper helper) {
        Path out = dir.resolve("out");
        helper.call("stdio", "/dev/null", out.toString(), out.toString());
        return out;
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** A root filesystem of one static busybox in bin/, and a symlink to it per applet named. */
    Path busyboxRootfs(String... applets) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("rootfs/bin"));
        Files.copy(Path.of(BUSYBOX), bin.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
        for (String applet : applets) Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        return bin.getParent();
    }
}
