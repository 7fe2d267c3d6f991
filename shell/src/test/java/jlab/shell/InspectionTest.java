package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code jlab top}, {@code stats} and {@code inspect}: a running container as the host's kernel shows it. */
class InspectionTest extends RealJlabTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static RunningContainer box;

    @BeforeAll
    static void startBox() {
        box = RunningContainer.start(jlab, state, "seen-box", "--memory", "64m", "--pids-limit", "50", "busybox",
                "sleep", "1000");
    }

    @AfterAll
    static void stopBox() {
        if (box != null) box.stop();
    }

    /** What a test exec'd into the box ends with it: each test starts with the sleep alone. */
    @AfterEach
    void killWhatTestsStarted() throws Exception {
        for (int i = 0; i < 100; i++) {
            JsonNode top = JSON.readTree(jlab.run("top", "seen-box", "--json").out());
            if (top.size() == 1) return;
            for (JsonNode p : top) {
                if (p.path("pid").asLong() != box.initPid()) ProcessHandle.of(p.path("pid").asLong()).ifPresent(ProcessHandle::destroyForcibly);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("processes exec'd into seen-box did not end");
    }

    @Test
    void top_lists_the_sleep_with_its_host_pid_and_pid_1_inside() throws Exception {
        var r = jlab.run("top", "seen-box");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines()).hasSize(2);
        assertThat(r.lines().get(0).split("\\s{2,}")).containsExactly("USER", "PID", "PPID", "PID INSIDE", "TIME", "CMD");
        assertThat(r.lines().get(1).split("\\s+")).containsExactly("root", Long.toString(box.initPid()),
                Long.toString(box.helperPid()), "1", "00:00:00", "sleep", "1000");

        JsonNode json = JSON.readTree(jlab.run("top", "seen-box", "--json").out());
        assertThat(json).hasSize(1);
        assertThat(json.get(0).path("pid").asLong()).isEqualTo(box.initPid());
        assertThat(json.get(0).path("pidInside").asLong()).isEqualTo(1);
        assertThat(json.get(0).path("command").asText()).isEqualTo("sleep 1000");
    }

    @Test
    void top_shows_an_execd_process_with_its_pid_inside() throws Exception {
        var bg = jlab.run("exec", "-d", "seen-box", "sleep", "30");
        assertThat(bg.exitCode()).as(bg.err()).isZero();
        JsonNode json = null;
        for (int i = 0; i < 100; i++) {
            json = JSON.readTree(jlab.run("top", "seen-box", "--json").out());
            if (json.size() == 2) break;
            Thread.sleep(50);
        }
        assertThat(json).hasSize(2);
        // top lists by host pid, and host pids wrap (pid_max): the exec'd one may come first
        JsonNode sleep30 = json.get(0).path("pid").asLong() == box.initPid() ? json.get(1) : json.get(0);
        assertThat(sleep30.path("command").asText()).isEqualTo("sleep 30");
        assertThat(sleep30.path("pidInside").asLong()).isGreaterThan(1);
        String nspid = Files.readAllLines(Path.of("/proc/" + sleep30.path("pid").asLong() + "/status")).stream()
                .filter(l -> l.startsWith("NSpid:")).findFirst().orElseThrow();
        assertThat(nspid.split("\\s+")).containsExactly("NSpid:", sleep30.path("pid").asText(), sleep30.path("pidInside").asText());
    }

    @Test
    void stats_no_stream_shows_memory_under_its_limit_and_the_pids() throws Exception {
        var r = jlab.run("stats", "--no-stream", "seen-box");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines()).hasSize(2);
        assertThat(r.lines().get(0)).contains("CPU %").contains("MEM USAGE / LIMIT").contains("PIDS");
        assertThat(r.lines().get(1)).startsWith(RunningContainer.record(jlab, "seen-box").path("id").asText().substring(0, 12))
                .contains(" / 64MiB").endsWith(" 1");

        JsonNode s = JSON.readTree(jlab.run("stats", "--no-stream", "--json", "seen-box").out()).get(0);
        assertThat(s.path("memoryLimit").asLong()).isEqualTo(64L << 20);
        assertThat(s.path("memoryLimited").asBoolean()).isTrue();
        assertThat(s.path("memoryUsage").asLong()).isPositive().isLessThan(64L << 20);
        assertThat(s.path("pids").asLong()).isEqualTo(1);
        assertThat(s.path("cpuPercent").asDouble()).isBetween(0.0, 5.0); // a sleep uses next to nothing
    }

    @Test
    void stats_counts_the_cpu_a_busy_process_uses() throws Exception {
        // One process (the loop is the shell's own): killed, its reaper collects it. (A child it
        // left would be adopted by the container's PID 1, a sleep that never reaps: a zombie in pids.current.)
        jlab.run("exec", "-d", "seen-box", "sh", "-c", "while :; do :; done");
        Thread.sleep(300);
        JsonNode s = JSON.readTree(jlab.run("stats", "--no-stream", "--json", "seen-box").out()).get(0);
        assertThat(s.path("cpuPercent").asDouble()).as("one busy loop, on a shared machine").isGreaterThan(20.0);
        assertThat(s.path("pids").asLong()).isEqualTo(2);
    }

    @Test
    void stats_refreshes_each_second_until_stopped() throws Exception {
        Process p = jlab.builder(List.of("stats", "seen-box")).start();
        List<String> headers = new ArrayList<>();
        long t0 = System.nanoTime();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; headers.size() < 3 && (line = out.readLine()) != null; ) {
                if (line.contains("CONTAINER ID")) headers.add(line);
            }
        } finally {
            p.destroy(); // SIGTERM: what Ctrl-C does, for a process without a terminal
            p.waitFor();
        }
        assertThat(headers).hasSize(3);
        assertThat((System.nanoTime() - t0) / 1_000_000).as("three refreshes, a second apart").isGreaterThan(2500);
    }

    @Test
    void inspect_shows_the_namespace_inodes_of_its_pid_1() throws Exception {
        var r = jlab.run("inspect", "seen-box");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode c = JSON.readTree(r.out());
        assertThat(c.isArray()).isTrue();
        assertThat(c).hasSize(1);
        JsonNode o = c.get(0);
        assertThat(o.path("Name").asText()).isEqualTo("/seen-box");
        assertThat(o.path("State").path("Status").asText()).isEqualTo("running");
        assertThat(o.path("State").path("Running").asBoolean()).isTrue();
        assertThat(o.path("State").path("Paused").asBoolean()).isFalse();
        assertThat(o.path("State").path("Pid").asLong()).isEqualTo(box.initPid());
        for (String ns : List.of("mnt", "uts", "ipc", "pid", "net", "user", "cgroup")) {
            String link = Files.readSymbolicLink(Path.of("/proc/" + box.initPid() + "/ns/" + ns)).toString();
            assertThat(ns + ":[" + o.path("Namespaces").path(ns).asLong() + "]").as(ns).isEqualTo(link);
        }
    }

    @Test
    void inspect_shows_the_cgroup_limits_mounts_and_interfaces() throws Exception {
        JsonNode o = JSON.readTree(jlab.run("inspect", "seen-box").out()).get(0);
        JsonNode cgroup = o.path("Cgroup");
        JsonNode limits = cgroup.path("Limits");
        if (cgroup.path("Version").asText().equals("v2")) {
            assertThat(limits.path("memory.max").asText()).isEqualTo(Long.toString(64L << 20));
            assertThat(limits.path("pids.max").asText()).isEqualTo("50");
        } else {
            assertThat(limits.path("memory/memory.limit_in_bytes").asText()).isEqualTo(Long.toString(64L << 20));
            assertThat(limits.path("pids/pids.max").asText()).isEqualTo("50");
        }
        for (JsonNode dir : cgroup.path("Directories")) {
            assertThat(Files.readAllLines(Path.of(dir.asText(), "cgroup.procs"))).contains(Long.toString(box.initPid()));
        }
        List<String> mounts = new ArrayList<>();
        o.path("MountTable").forEach(m -> mounts.add(m.path("Destination").asText() + " " + m.path("Type").asText()));
        assertThat(mounts).contains("/ overlay", "/proc proc", "/dev tmpfs", "/sys sysfs");
        // on the default bridge network: lo, and eth0 (the container's end of its veth pair)
        List<String> interfaces = new ArrayList<>();
        o.path("NetworkSettings").path("Interfaces").forEach(i -> interfaces.add(i.path("Name").asText()));
        assertThat(interfaces).containsExactlyInAnyOrder("lo", "eth0");
        // and its endpoint: the address eth0 holds in the container, its gateway, its bridge
        JsonNode bridge = o.path("NetworkSettings").path("Networks").path("bridge");
        String address = bridge.path("IPAddress").asText();
        assertThat(address).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(jlab.run("exec", box.name(), "ip", "-4", "-o", "addr", "show", "eth0").out())
                .contains(address + "/" + bridge.path("IPPrefixLen").asInt());
        assertThat(bridge.path("Gateway").asText()).isNotEqualTo(address).endsWith(".1");
        assertThat(bridge.path("Bridge").asText()).isEqualTo("jlab0");
        assertThat(o.path("Config").path("resources").path("memoryBytes").asLong()).isEqualTo(64L << 20);
    }

    @Test
    void inspect_of_a_missing_container_prints_the_others_and_one_line() throws Exception {
        var r = jlab.run("inspect", "seen-box", "no-such-box");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(r.out())).hasSize(1);
        assertThat(r.err().lines().toList()).containsExactly("jlab: No such object: no-such-box");
    }

    /** docker inspect -f: the PID to give nsenter, the image's CMD, a range over the mounts; a mistake is one line. */
    @Test
    void inspect_format_prints_what_a_go_template_picks_as_docker_inspect_f() throws Exception {
        var pid = jlab.run("inspect", "-f", "{{.State.Pid}}", "seen-box");
        assertThat(pid.exitCode()).as(pid.err()).isZero();
        assertThat(pid.lines()).containsExactly(Long.toString(box.initPid()));
        assertThat(Files.readSymbolicLink(Path.of("/proc/" + pid.lines().get(0) + "/ns/uts")).toString()).startsWith("uts:[");

        var both = jlab.run("inspect", "--format", "{{.Name}} {{if .State.Running}}up{{end}} {{len .Mounts}}", "seen-box", "seen-box");
        assertThat(both.lines()).hasSize(2).allMatch(l -> l.matches("/seen-box up \\d+"));
        assertThat(jlab.run("inspect", "-f", "json", "seen-box").lines()).as("the array, on one line").singleElement()
                .satisfies(l -> assertThat(JSON.readTree(l).get(0).path("State").path("Pid").asLong()).isEqualTo(box.initPid()));
        assertThat(jlab.run("image", "inspect", "-f", "{{.Config.Cmd}} {{json .Config.Cmd}}", "busybox").lines())
                .containsExactly("[sh] [\"sh\"]");

        var bad = jlab.run("inspect", "-f", "{{range .Mounts}}", "seen-box");
        assertThat(bad.exitCode()).as("Docker's code for a template that does not parse").isEqualTo(64);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err().lines().toList())
                .containsExactly("jlab: template parsing error: template: :1: unexpected EOF: {{range}} has no {{end}}");
        var missing = jlab.run("inspect", "-f", "{{.State.Pidd}}", "seen-box");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().lines().toList()).containsExactly(
                "jlab: template parsing error: template: :1: executing \"\" at <.State.Pidd>: map has no entry for key \"Pidd\"");
    }

    /** docker ps/images --format: a template per row, or a table with Docker's column titles. */
    @Test
    void ps_and_images_format_print_a_template_per_row_or_a_table() throws Exception {
        String id = RunningContainer.record(jlab, "seen-box").path("id").asText();
        assertThat(jlab.run("ps", "-q").lines()).contains(id.substring(0, 12));
        assertThat(jlab.run("ps", "-q", "--no-trunc").lines()).contains(id);
        var names = jlab.run("ps", "--format", "{{.Names}} {{.State}}");
        assertThat(names.exitCode()).as(names.err()).isZero();
        assertThat(names.lines()).contains("seen-box running");
        var table = jlab.run("ps", "--format", "table {{.ID}}\\t{{.Names}}");
        assertThat(table.lines().get(0)).isEqualTo("CONTAINER ID   NAMES");
        assertThat(table.lines()).anyMatch(l -> l.matches("[0-9a-f]{12}   seen-box"));
        assertThat(jlab.run("images", "--format", "{{.Repository}}:{{.Tag}} {{.Size}}").lines())
                .anyMatch(l -> l.matches("busybox:latest \\d+(\\.\\d+)?MB"));
        var bad = jlab.run("images", "--format", "{{.Nope}}");
        assertThat(bad.exitCode()).as("it parses; the rows lack the key").isEqualTo(1);
        assertThat(bad.err().lines().toList()).singleElement().asString().contains("map has no entry for key \"Nope\"");
    }

    /** docker container VERB: each verb is the top-level command; prune removes the stopped ones only. */
    @Test
    void container_verbs_are_the_commands_and_prune_removes_only_stopped_containers() throws Exception {
        assertThat(jlab.run("container", "ls", "--format", "{{.Names}}").lines()).contains("seen-box");
        assertThat(jlab.run("container", "inspect", "-f", "{{.State.Pid}}", "seen-box").lines()).containsExactly(Long.toString(box.initPid()));
        var done = jlab.run("run", "--name", "pruned-one", "--network", "none", "busybox", "true");
        assertThat(done.exitCode()).as(done.err()).isZero();
        var prune = jlab.run("container", "prune", "-f");
        assertThat(prune.exitCode()).as(prune.err()).isZero();
        assertThat(prune.lines()).first().isEqualTo("Deleted Containers:");
        assertThat(prune.lines()).last().asString().matches("Total reclaimed space: \\d+(\\.\\d+)?[kMG]?B");
        assertThat(jlab.run("ps", "-a", "--format", "{{.Names}}").lines()).contains("seen-box").doesNotContain("pruned-one");
        var wrong = jlab.run("container", "frobnicate");
        assertThat(wrong.exitCode()).isEqualTo(125);
        assertThat(wrong.err().lines().toList()).singleElement().asString().startsWith("jlab: 'frobnicate' is not a jlab container command");
    }
}
