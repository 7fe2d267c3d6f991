package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jlab.engine.state.StateDir;
import jlab.kernel.syscall.Syscalls;
import org.junit.jupiter.api.Test;

/**
 * Detached containers ({@code run -d}, {@code create}/{@code start}) outlive
 * the jlab that made them: every command below is a new jlab process, which
 * finds the container from the state directory alone.
 */
class DetachedTest extends RealJlabTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void run_d_prints_the_full_id_and_a_new_jlab_sees_it_up() throws Exception {
        var run = jlab.run("run", "-d", "--name", "up", "busybox", "sleep", "1000");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).matches("[0-9a-f]{64}");
        try {
            var ps = jlab.run("ps");
            assertThat(ps.lines()).anySatisfy(l -> assertThat(l).startsWith(run.out().substring(0, 12))
                    .containsPattern("Up (Less than a second|\\d+ seconds?)").endsWith("up"));
            JsonNode c = container("up");
            assertThat(c.get("state").asText()).isEqualTo("running");
            assertThat(Files.exists(cgroupOf(c.get("id").asText()))).isTrue();
            // The supervisor is no child of any jlab: it left at start, in a session of its own.
            long supervisor = c.get("helperPid").asLong();
            assertThat(ProcessHandle.of(supervisor)).isPresent();
            assertThat(ProcessHandle.of(supervisor).get().parent().map(ProcessHandle::pid)).isNotEqualTo(
                    java.util.Optional.of(ProcessHandle.current().pid()));
            assertThat(sessionOf(supervisor)).isEqualTo(supervisor);
        } finally {
            jlab.run("rm", "-f", "up");
        }
    }

    @Test
    void logs_keep_stdout_and_stderr_in_order_across_jlab_processes_with_tail_and_timestamps() {
        var run = jlab.run("run", "-d", "--name", "talk", "busybox", "sh", "-c",
                "echo out1; sleep 0.2; echo err1 >&2; sleep 0.2; echo out2; sleep 0.2; printf 'no newline'; sleep 0.2; echo ' then one'; sleep 1000");
        assertThat(run.exitCode()).as(run.err()).isZero();
        try {
            awaitLogLines("talk", 4);
            assertThat(merged("logs", "talk")).isEqualTo("out1\nerr1\nout2\nno newline then one\n");
            var split = jlab.run("logs", "talk");
            assertThat(split.out()).isEqualTo("out1\nout2\nno newline then one\n");
            assertThat(split.err()).isEqualTo("err1\n");
            assertThat(merged("logs", "--tail", "2", "talk")).isEqualTo("out2\nno newline then one\n");
            assertThat(jlab.run("logs", "-t", "talk").out().lines().toList())
                    .allSatisfy(l -> assertThat(l).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z .*"));
            // stop and start again: the log is kept, and grows
            assertThat(jlab.run("restart", "-t", "0", "talk").exitCode()).isZero();
            awaitLogLines("talk", 8);
            assertThat(merged("logs", "talk")).startsWith("out1\nerr1\nout2\nno newline then one\nout1\n");
        } finally {
            jlab.run("rm", "-f", "talk");
        }
    }

    @Test
    void logs_f_prints_a_line_written_later_and_ends_when_the_container_stops() throws Exception {
        jlab.run("run", "-d", "--name", "later", "busybox", "sh", "-c", "echo first; sleep 2; echo later; sleep 1000");
        try {
            Process follow = jlab.builder(List.of("logs", "-f", "later")).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(follow.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) lines.add(l);
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.start();
            assertThat(lines.poll(30, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(lines.poll(30, TimeUnit.SECONDS)).isEqualTo("later");
            assertThat(follow.isAlive()).as("still following").isTrue();
            jlab.run("stop", "-t", "0", "later");
            assertThat(follow.waitFor(20, TimeUnit.SECONDS)).as("logs -f ends once the container stopped").isTrue();
        } finally {
            jlab.run("rm", "-f", "later");
        }
    }

    @Test
    void stop_of_a_command_that_ignores_sigterm_ends_by_sigkill_after_the_grace() {
        jlab.run("run", "-d", "--name", "stubborn", "busybox", "sh", "-c", "trap '' TERM; while true; do sleep 0.1; done");
        try {
            long t0 = System.nanoTime();
            var stop = jlab.run("stop", "-t", "1", "stubborn");
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(stop.exitCode()).as(stop.err()).isZero();
            assertThat(stop.out().strip()).isEqualTo("stubborn");
            assertThat(millis).as("waited the grace of 1 s").isGreaterThanOrEqualTo(1000);
            JsonNode c = container("stubborn");
            assertThat(c.get("statusText").asText()).startsWith("Exited (137) ");
            assertThat(Files.exists(cgroupOf(c.get("id").asText()))).as("torn down by stop").isFalse();
        } finally {
            jlab.run("rm", "-f", "stubborn");
        }
    }

    @Test
    void stop_of_a_shell_that_traps_sigterm_ends_at_once_with_its_own_code() {
        jlab.run("run", "-d", "--name", "polite", "busybox", "sh", "-c", "trap 'exit 3' TERM; sleep 1000 & wait");
        try {
            awaitState("polite", "running");
            long t0 = System.nanoTime();
            var stop = jlab.run("stop", "polite"); // grace 10 s
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(stop.exitCode()).as(stop.err()).isZero();
            assertThat(millis).as("no grace spent").isLessThan(8000);
            assertThat(container("polite").get("statusText").asText()).startsWith("Exited (3) ");
            assertThat(jlab.run("wait", "polite").out().strip()).isEqualTo("3");
        } finally {
            jlab.run("rm", "-f", "polite");
        }
    }

    @Test
    void restart_on_failure_2_restarts_twice_then_stays_exited() throws Exception {
        jlab.run("run", "-d", "--name", "flaky", "--restart", "on-failure:2", "busybox", "sh", "-c", "echo try; exit 1");
        try {
            JsonNode c = null;
            for (int i = 0; i < 600; i++) {
                c = container("flaky");
                if (c.get("restartCount").asInt() == 2 && c.get("state").asText().equals("exited")
                        && !Files.exists(cgroupOf(c.get("id").asText()))) break;
                Thread.sleep(100);
            }
            assertThat(c.get("restartCount").asInt()).isEqualTo(2);
            assertThat(c.get("statusText").asText()).startsWith("Exited (1) ");
            Thread.sleep(1500); // and no third run comes
            assertThat(container("flaky").get("restartCount").asInt()).isEqualTo(2);
            assertThat(jlab.run("logs", "flaky").out()).isEqualTo("try\ntry\ntry\n");
        } finally {
            jlab.run("rm", "-f", "flaky");
        }
    }

    @Test
    void rm_of_a_running_container_needs_f_and_says_so_in_dockers_words() {
        jlab.run("create", "--name", "busy", "busybox", "sleep", "1000");
        assertThat(container("busy").get("statusText").asText()).isEqualTo("Created");
        assertThat(jlab.run("start", "busy").out().strip()).isEqualTo("busy");
        var rm = jlab.run("rm", "busy");
        assertThat(rm.exitCode()).isEqualTo(1);
        assertThat(rm.err().lines().toList()).containsExactly("jlab: cannot remove container \"busy\": container is"
                + " running: stop the container before removing or force remove (jlab rm -f busy)");
        String id = container("busy").get("id").asText();
        var force = jlab.run("rm", "-f", "busy");
        assertThat(force.exitCode()).as(force.err()).isZero();
        assertThat(jlab.run("ps", "-a").out()).doesNotContain("busy");
        assertThat(Files.exists(cgroupOf(id))).isFalse();
        assertThat(Files.exists(state.resolve("containers").resolve(id))).isFalse();
    }

    @Test
    void wait_prints_the_exit_code() {
        jlab.run("run", "-d", "--name", "seven", "busybox", "sh", "-c", "sleep 1; exit 7");
        try {
            var w = jlab.run("wait", "seven");
            assertThat(w.exitCode()).as(w.err()).isZero();
            assertThat(w.out().strip()).isEqualTo("7");
        } finally {
            jlab.run("rm", "-f", "seven");
        }
    }

    @Test
    void a_container_that_exits_with_no_jlab_running_is_torn_down_by_its_exit_command() throws Exception {
        var run = jlab.run("run", "-d", "--name", "alone", "busybox", "sh", "-c", "sleep 1; exit 4");
        String id = run.out().strip();
        Path stateJson = state.resolve("containers").resolve(id).resolve("state.json");
        // No jlab runs from here on: only the supervisor and the exit command it becomes.
        JsonNode record = null;
        for (int i = 0; i < 600; i++) {
            record = JSON.readTree(stateJson.toFile());
            if (record.get("status").asText().equals("exited") && !Files.exists(cgroupOf(id))) break;
            Thread.sleep(100);
        }
        assertThat(record.get("status").asText()).isEqualTo("exited");
        assertThat(record.get("exitCode").asInt()).isEqualTo(4);
        assertThat(Files.exists(cgroupOf(id))).as("its cgroup").isFalse();
        // The exit command (a jlab: the supervisor after execv) saves the record, then exits: it must end.
        for (int i = 0; i < 100 && !processesUsing(state).isEmpty(); i++) Thread.sleep(100);
        assertThat(processesUsing(state)).as("processes holding files of the state directory").isEmpty();
        jlab.run("rm", "alone");
    }

    @Test
    void a_hundred_create_start_stop_rm_cycles_with_a_bridge_a_published_port_and_a_volume_leave_the_host_as_it_was()
            throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        int port = freePort(); // the same host port every cycle: each rm must give it back
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            script.append("create --name cycle").append(i).append(" --memory 64m --network bridge -p ").append(port)
                    .append(":80 -v /data busybox sleep 1000\n")
                    .append("start cycle").append(i).append('\n')
                    .append("stop -t 0 cycle").append(i).append('\n')
                    .append("rm -v cycle").append(i).append('\n');
        }
        var r = jlab.runWithInput(script.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
        assertThat(processesUsing(state)).isEmpty();
    }

    /** A TCP port nothing listens on now (the kernel picks it). */
    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void kill_9_of_a_supervisor_then_gc_leaves_the_host_clean() throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        jlab.run("run", "-d", "--name", "orphan", "--memory", "64m", "busybox", "sleep", "1000");
        JsonNode c = container("orphan");
        long supervisor = c.get("helperPid").asLong();
        long init = c.get("initPid").asLong();
        assertThat(ProcessHandle.of(init)).isPresent();
        jlab.run("gc"); // a live supervisor: gc leaves its container alone
        assertThat(container("orphan").get("state").asText()).isEqualTo("running");
        Syscalls.get().kill(supervisor, 9);
        for (int i = 0; i < 100 && ProcessHandle.of(init).map(ProcessHandle::isAlive).orElse(false); i++) Thread.sleep(20);
        var gc = jlab.run("gc");
        assertThat(gc.out()).contains("its supervisor was gone");
        assertThat(container("orphan").get("statusText").asText()).startsWith("Exited (137)");
        jlab.run("rm", "orphan");
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
        assertThat(processesUsing(state)).isEmpty();
    }

    @Test
    void kill_sends_a_signal_and_kill_of_a_stopped_container_is_refused() {
        jlab.run("run", "-d", "--name", "hup", "busybox", "sh", "-c", "trap 'exit 9' HUP; sleep 1000 & wait");
        try {
            awaitState("hup", "running");
            assertThat(jlab.run("kill", "-s", "HUP", "hup").exitCode()).isZero();
            assertThat(jlab.run("wait", "hup").out().strip()).isEqualTo("9");
            var again = jlab.run("kill", "hup");
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err()).contains("is not running");
        } finally {
            jlab.run("rm", "-f", "hup");
        }
    }

    @Test
    void several_jlab_processes_at_once_keep_their_containers_apart_and_leave_the_host_clean() throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        jlab.run("run", "-d", "--name", "shared", "busybox", "sleep", "1000");
        List<Process> scripts = new java.util.ArrayList<>();
        for (int k = 0; k < 3; k++) {
            StringBuilder script = new StringBuilder();
            for (int i = 0; i < 8; i++) script.append("run -d --name p").append(k).append('-').append(i).append(" busybox sleep 1000\n");
            script.append("ps -a\n");
            for (int i = 0; i < 8; i++) script.append("stop -t 0 p").append(k).append('-').append(i).append("\nrm p").append(k).append('-').append(i).append('\n');
            Path file = Files.writeString(state.resolve("script-" + k), script.toString());
            scripts.add(jlab.builder(List.of()).redirectInput(file.toFile()).redirectErrorStream(true).start());
        }
        // Meanwhile two more stop and remove one container at the same time: one of them finds it gone, or both succeed.
        Process stop = jlab.builder(List.of("stop", "-t", "0", "shared")).redirectErrorStream(true).start();
        Process rm = jlab.builder(List.of("rm", "-f", "shared")).redirectErrorStream(true).start();
        for (Process p : scripts) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
        }
        for (Process p : List.of(stop, rm)) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue() == 0 || out.contains("No such container: shared")).as(out).isTrue();
        }
        for (String f : List.of("script-0", "script-1", "script-2")) Files.delete(state.resolve(f));
        assertThat(jlab.run("ps", "-a").lines()).hasSize(1);
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
        assertThat(processesUsing(state)).isEmpty();
    }

    @Test
    void run_d_of_a_missing_command_fails_as_docker_does_and_leaves_nothing_running() {
        HostSnapshot before = HostSnapshot.take(state);
        var r = jlab.run("run", "-d", "--name", "nocmd", "busybox", "no-such-command");
        assertThat(r.exitCode()).isEqualTo(127);
        assertThat(r.err().lines().toList()).hasSize(1).first().asString().contains("executable file not found");
        assertThat(r.out()).isEmpty();
        assertThat(container("nocmd").get("statusText").asText()).isEqualTo("Created");
        assertThat(Files.exists(cgroupOf(container("nocmd").get("id").asText()))).isFalse();
        assertThat(jlab.run("rm", "nocmd").exitCode()).isZero();
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
        assertThat(processesUsing(state)).isEmpty();
    }

    @Test
    void bad_input_to_the_lifecycle_verbs_is_one_line_with_dockers_exit_code() {
        var stop = jlab.run("stop", "nosuch");
        assertThat(stop.exitCode()).isEqualTo(1);
        assertThat(stop.err().lines().toList()).containsExactly("jlab: No such container: nosuch");
        var logs = jlab.run("logs", "nosuch");
        assertThat(logs.exitCode()).isEqualTo(1);
        assertThat(logs.err().lines().toList()).containsExactly("jlab: No such container: nosuch");
        var policy = jlab.run("run", "-d", "--restart", "sometimes", "busybox", "true");
        assertThat(policy.exitCode()).isEqualTo(125);
        assertThat(policy.err().lines().toList()).hasSize(1).first().asString().contains("no, on-failure[:N] or always");
        var conflict = jlab.run("run", "-d", "--rm", "--restart", "always", "busybox", "true");
        assertThat(conflict.exitCode()).isEqualTo(125);
        assertThat(conflict.err()).contains("--rm");
        var signal = jlab.run("kill", "-s", "NOPE", "x");
        assertThat(signal.exitCode()).isEqualTo(125);
        assertThat(signal.err().lines().toList()).hasSize(1).first().asString().contains("invalid signal: NOPE");
        assertThat(jlab.run("ps", "-a").lines()).hasSize(1);
    }

    // ---- helpers ----

    /** The container's entry in {@code ps -a --json}, from a new jlab process. */
    private static JsonNode container(String name) {
        var ps = jlab.run("ps", "-a", "--json");
        try {
            for (JsonNode n : JSON.readTree(ps.out())) if (n.get("name").asText().equals(name)) return n;
        } catch (IOException e) {
            throw new AssertionError(ps.out(), e);
        }
        throw new AssertionError("no container " + name + " in " + ps.out());
    }

    private static void awaitState(String name, String wanted) {
        for (int i = 0; i < 100; i++) {
            if (container(name).get("state").asText().equals(wanted)) return;
            sleep(50);
        }
        throw new AssertionError(name + " never became " + wanted);
    }

    private static void awaitLogLines(String name, int n) {
        for (int i = 0; i < 200; i++) {
            if (merged("logs", name).lines().count() >= n) return;
            sleep(100);
        }
        throw new AssertionError("fewer than " + n + " lines in the logs of " + name + ": " + merged("logs", name));
    }

    /** A jlab command's stdout and stderr as one stream, in the order it wrote them. */
    private static String merged(String... args) {
        try {
            Process p = jlab.builder(List.of(args)).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The container's cgroup in the pids tree (v1) or the unified one (v2). */
    private static Path cgroupOf(String id) {
        String rel = new StateDir(state).cgroupParent() + "/" + id;
        Path v1 = Path.of("/sys/fs/cgroup/pids").resolve(rel);
        return Files.isDirectory(Path.of("/sys/fs/cgroup/pids")) ? v1 : Path.of("/sys/fs/cgroup").resolve(rel);
    }

    /** The session id of a process: field 6 of /proc/PID/stat. */
    private static long sessionOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }

    /**
     * Live processes that hold a file or directory of the state directory open
     * (a supervisor holds its container's directory and log): none once every
     * container is gone. Zombies hold nothing, and are not counted.
     */
    static List<Long> processesUsing(Path stateDir) {
        List<Long> found = new java.util.ArrayList<>();
        String prefix = stateDir.toString() + "/containers";
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                try (var fds = Files.list(p.resolve("fd"))) {
                    for (Path fd : (Iterable<Path>) fds::iterator) {
                        try {
                            if (Files.readSymbolicLink(fd).toString().startsWith(prefix)) {
                                found.add(Long.parseLong(name));
                                break;
                            }
                        } catch (IOException gone) {
                            // closed meanwhile
                        }
                    }
                } catch (IOException gone) {
                    // exited meanwhile, or a kernel thread
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return found;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
