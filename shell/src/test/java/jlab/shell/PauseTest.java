package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code jlab pause} and {@code unpause}: the cgroup freezer stops a counting
 * loop where it stands, and lets it go on.
 */
class PauseTest extends RealJlabTest {
    static RunningContainer counter;
    static Path count;

    @BeforeAll
    static void startCounter() {
        counter = RunningContainer.start(jlab, state, "counter", "busybox", "sh", "-c",
                "i=0; while true; do i=$((i+1)); echo $i > /tmp/n; usleep 20000; done");
        // The container's /tmp, seen from the host through its PID 1's root.
        count = Path.of("/proc/" + counter.initPid() + "/root/tmp/n");
    }

    @AfterAll
    static void stopCounter() {
        if (counter == null) return;
        jlab.run("unpause", "counter"); // never leave a frozen cgroup behind, whatever failed
        counter.stop();
    }

    private static long read() throws Exception {
        for (int i = 0; i < 100; i++) {
            String s = Files.exists(count) ? Files.readString(count).strip() : "";
            if (!s.isEmpty()) return Long.parseLong(s);
            Thread.sleep(10); // between the shell's truncate and its write
        }
        throw new AssertionError("the counter never wrote " + count);
    }

    @Test
    void pause_stops_a_counting_loop_and_unpause_lets_it_go_on() throws Exception {
        long start = read();
        Thread.sleep(300);
        assertThat(read()).as("it counts").isGreaterThan(start);

        var p = jlab.run("pause", "counter");
        assertThat(p.exitCode()).as(p.err()).isZero();
        assertThat(p.out().strip()).isEqualTo("counter");
        long frozen = read();
        Thread.sleep(500);
        assertThat(read()).as("frozen: not one more").isEqualTo(frozen);
        assertThat(jlab.run("ps").out()).contains("Up (Paused)");
        var inspect = new ObjectMapper().readTree(jlab.run("inspect", "counter").out()).get(0);
        assertThat(inspect.path("State").path("Status").asText()).isEqualTo("paused");
        assertThat(inspect.path("State").path("Paused").asBoolean()).isTrue();

        var u = jlab.run("unpause", "counter");
        assertThat(u.exitCode()).as(u.err()).isZero();
        Thread.sleep(300);
        assertThat(read()).as("it counts again").isGreaterThan(frozen);
        assertThat(jlab.run("ps").out()).doesNotContain("Paused");
    }

    @Test
    void exec_into_a_paused_container_fails_with_dockers_line() {
        assertThat(jlab.run("pause", "counter").exitCode()).isZero();
        try {
            HostSnapshot before = HostSnapshot.take(state);
            var r = jlab.run("exec", "counter", "true");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err().lines().toList())
                    .containsExactly("jlab: Container counter is paused, unpause the container before exec");
            assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
        } finally {
            assertThat(jlab.run("unpause", "counter").exitCode()).isZero();
        }
    }

    @Test
    void pausing_twice_or_unpausing_a_running_container_is_refused() {
        String id = RunningContainer.record(jlab, "counter").path("id").asText();
        var u = jlab.run("unpause", "counter");
        assertThat(u.exitCode()).isEqualTo(1);
        assertThat(u.err().lines().toList()).containsExactly("jlab: Container " + id + " is not paused");
        assertThat(jlab.run("pause", "counter").exitCode()).isZero();
        try {
            var again = jlab.run("pause", "counter");
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err().lines().toList()).containsExactly("jlab: Container " + id + " is already paused");
        } finally {
            jlab.run("unpause", "counter");
        }
        var missing = jlab.run("pause", "no-such-box");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().lines().toList()).containsExactly("jlab: No such container: no-such-box");
    }
}
