package jlab.kernel.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Freezing, thawing and killing everything in a cgroup. */
class CgroupFreezeKernelTest extends RealCgroupTest {
    static final String TICKER = "while :; do echo tick; sleep 0.05; done";
    static final String THREE_SLEEPERS = "sleep 30 & sleep 30 & sleep 30 & wait";

    @Test
    void freeze_stops_a_process_and_thaw_lets_it_run_again() throws Exception {
        Cgroup cgroup = driver.create(path, CgroupLimits.none());
        GatedShell ticker = runInside(cgroup, TICKER);
        assertThat(eventually(Duration.ofSeconds(30), () -> bytes(ticker) > 0)).isTrue();

        cgroup.freeze();
        assertThat(frozenState(cgroup)).isEqualTo(driver.version().equals("v2") ? "frozen 1" : "FROZEN");
        long before = bytes(ticker);
        Thread.sleep(500);
        assertThat(bytes(ticker)).as("output while frozen").isEqualTo(before);

        cgroup.thaw();
        assertThat(eventually(Duration.ofSeconds(30), () -> bytes(ticker) > before)).as("output after thaw").isTrue();
    }

    @Test
    void kill_all_kills_every_process_and_their_children() throws Exception {
        Cgroup cgroup = driver.create(path, CgroupLimits.none());
        GatedShell shell = runInside(cgroup, THREE_SLEEPERS);
        assertThat(eventually(Duration.ofSeconds(30), () -> cgroup.processes().size() == 4)).isTrue();

        cgroup.killAll();

        assertThat(cgroup.processes()).isEmpty();
        assertThat(shell.awaitExit(Duration.ofSeconds(10))).isEqualTo(137);
    }

    @Test
    void kill_all_empties_a_frozen_cgroup_and_delete_follows_at_once() throws Exception {
        Cgroup cgroup = driver.create(path, CgroupLimits.none());
        GatedShell shell = runInside(cgroup, THREE_SLEEPERS);
        assertThat(eventually(Duration.ofSeconds(30), () -> cgroup.processes().size() == 4)).isTrue();
        cgroup.freeze();

        cgroup.killAll();
        cgroup.delete();

        assertThat(shell.awaitExit(Duration.ofSeconds(10))).isEqualTo(137);
        assertThat(cgroup.directories()).allSatisfy(dir -> assertThat(dir).doesNotExist());
    }

    /** v2: the "frozen" line of cgroup.events; v1: freezer.state. */
    private static String frozenState(Cgroup cgroup) throws IOException {
        for (var dir : cgroup.directories()) {
            if (Files.exists(dir.resolve("freezer.state"))) {
                return Files.readString(dir.resolve("freezer.state")).strip();
            }
            if (Files.exists(dir.resolve("cgroup.events"))) {
                return Files.readAllLines(dir.resolve("cgroup.events")).stream()
                        .filter(l -> l.startsWith("frozen")).findFirst().orElseThrow();
            }
        }
        throw new AssertionError("no freezer file in " + cgroup.directories());
    }

    private static long bytes(GatedShell shell) {
        try {
            return shell.stdoutBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
