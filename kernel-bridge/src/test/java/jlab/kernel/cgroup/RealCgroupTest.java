package jlab.kernel.cgroup;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import jlab.kernel.Skip;

/**
 * Base of the tests on this machine's real cgroups (v1 here, v2 in the
 * cgroup2 guest: see src/test/cgroup2-guest.sh). Each test gets a fresh path
 * {@code jlab-test/<random>} at the hierarchy root; whatever happens, the
 * processes it started are killed and its cgroups removed afterwards.
 */
@Tag("kernel")
abstract class RealCgroupTest {
    static final String PARENT = "jlab-test";
    static final long MIB = 1 << 20;

    @TempDir Path tmp;
    CgroupDriver driver;
    String path;
    private final List<GatedShell> started = new ArrayList<>();

    @BeforeEach
    void requireRoot() throws IOException {
        Skip.unless(isRoot(), "requires root: cgroups are created under /sys/fs/cgroup");
        driver = CgroupDriver.detect();
        path = PARENT + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void removeWhatTheTestMade() {
        started.forEach(GatedShell::destroy);
        if (driver == null) {
            return;
        }
        driver.open(path).ifPresent(cgroup -> {
            try {
                cgroup.killAll();
            } finally {
                cgroup.delete();
            }
        });
        if (driver.children(PARENT).isEmpty()) {
            driver.open(PARENT).ifPresent(Cgroup::delete);
        }
    }

    /** A shell that runs {@code script} once {@link GatedShell#go} is called; killed after the test. */
    GatedShell gatedShell(String script) throws IOException {
        GatedShell shell = GatedShell.start(tmp, script);
        started.add(shell);
        return shell;
    }

    /** A shell already inside {@code cgroup}, running {@code script}. */
    GatedShell runInside(Cgroup cgroup, String script) throws IOException {
        GatedShell shell = gatedShell(script);
        cgroup.addProcess(shell.pid());
        shell.go();
        return shell;
    }

    /** What the kernel reads back for a {@link Cgroup#limitFiles()} key ("memory.max", "memory/memory.limit_in_bytes"). */
    static String readBack(Cgroup cgroup, String key) throws IOException {
        String name = key.substring(key.indexOf('/') + 1);
        for (Path dir : cgroup.directories()) {
            if (Files.exists(dir.resolve(name))) {
                return Files.readString(dir.resolve(name)).strip();
            }
        }
        throw new AssertionError("no " + name + " in " + cgroup.directories());
    }

    static boolean eventually(Duration timeout, BooleanSupplier condition) {
        return Poll.until(timeout, Duration.ofMillis(20), condition);
    }

    static boolean isRoot() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).anyMatch(l -> l.split("\\s+")[2].equals("0"));
    }
}
