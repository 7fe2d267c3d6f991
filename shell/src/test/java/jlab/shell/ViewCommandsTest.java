package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The inspection commands {@code ns}, {@code mounts}, {@code cgroup}, {@code net}
 * and {@code ps NAME} on real containers: a bridged one with a memory limit,
 * and one in the host's network namespace.
 */
class ViewCommandsTest extends RealJlabTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void startContainers() {
        var boxed = jlab.run("run", "-d", "--name", "boxed", "--memory", "64m", "busybox", "sleep", "300");
        assertThat(boxed.exitCode()).as(boxed.err()).isZero();
        var hosted = jlab.run("run", "-d", "--name", "hosted", "--network", "host", "busybox", "sleep", "300");
        assertThat(hosted.exitCode()).as(hosted.err()).isZero();
    }

    @AfterAll
    static void removeContainers() {
        jlab.run("rm", "-f", "boxed", "hosted");
    }

    private static JsonNode json(String... args) throws Exception {
        var r = jlab.run(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    @Test
    void ns_shows_every_namespace_but_user_and_time_differing_for_a_bridged_container() throws Exception {
        var r = jlab.run("ns", "boxed");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines().get(0).split("\\s+")).containsExactly("NAMESPACE", "CONTAINER", "HOST");
        for (String kind : List.of("mnt", "uts", "ipc", "pid", "net", "cgroup")) {
            assertThat(r.lines()).anySatisfy(l -> assertThat(l).startsWith(kind + " ").endsWith("differs"));
        }
        assertThat(r.lines().get(r.lines().size() - 1)).startsWith("look yourself: readlink /proc/");
        for (JsonNode row : json("ns", "boxed", "--json")) {
            boolean isolated = !List.of("user", "time").contains(row.path("kind").asText());
            assertThat(row.path("differs").asBoolean()).as(row.toString()).isEqualTo(isolated);
            assertThat(row.path("container").asLong() != row.path("host").asLong()).isEqualTo(isolated);
        }
    }

    @Test
    void ns_shows_the_hosts_net_namespace_for_network_host() throws Exception {
        for (JsonNode row : json("ns", "hosted", "--json")) {
            if (row.path("kind").asText().equals("net")) {
                assertThat(row.path("differs").asBoolean()).isFalse();
                assertThat(row.path("container").asLong()).isEqualTo(row.path("host").asLong());
            }
            if (row.path("kind").asText().equals("uts")) assertThat(row.path("differs").asBoolean()).isTrue();
        }
        assertThat(jlab.run("net", "hosted").out()).contains("the host's own network namespace");
    }

    @Test
    void mounts_lists_root_as_overlay_and_proc_as_proc_both_new() throws Exception {
        JsonNode rows = json("mounts", "boxed", "--json");
        assertThat(rows).anySatisfy(m -> {
            assertThat(m.path("mountPoint").asText()).isEqualTo("/");
            assertThat(m.path("fsType").asText()).isEqualTo("overlay");
            assertThat(m.path("newHere").asBoolean()).isTrue();
        });
        assertThat(rows).anySatisfy(m -> {
            assertThat(m.path("mountPoint").asText()).isEqualTo("/proc");
            assertThat(m.path("fsType").asText()).isEqualTo("proc");
            assertThat(m.path("newHere").asBoolean()).isTrue();
        });
        var text = jlab.run("mounts", "boxed");
        assertThat(text.lines()).anySatisfy(l -> assertThat(l.split("\\s+")).startsWith("/", "overlay"));
    }

    @Test
    void cgroup_shows_the_64_MiB_limit_and_live_usage() throws Exception {
        var r = jlab.run("cgroup", "boxed");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("64MiB (67108864)");
        JsonNode v = json("cgroup", "boxed", "--json");
        assertThat(v.path("limits").toString()).contains("67108864");
        assertThat(v.path("usage").path("memoryCurrent").asLong()).isPositive();
        assertThat(v.path("usage").path("pidsCurrent").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(v.path("usage").path("memoryLimit").asLong()).isEqualTo(64L << 20);
    }

    @Test
    void net_shows_eth0_with_its_address_a_default_route_and_the_veth_peer_on_jlab0() throws Exception {
        JsonNode v = json("net", "boxed", "--json");
        assertThat(v.path("sharesHostNetwork").asBoolean()).isFalse();
        assertThat(v.path("inside")).anySatisfy(l -> {
            assertThat(l.path("name").asText()).isEqualTo("eth0");
            assertThat(l.path("addresses").get(0).asText()).matches("10\\.88\\.\\d+\\.\\d+/\\d+");
            assertThat(l.path("mac").asText()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
            assertThat(l.path("mtu").asInt()).isPositive();
        });
        assertThat(v.path("routes").toString()).contains("default via 10.88.");
        assertThat(v.path("outside")).hasSize(1);
        assertThat(v.path("outside").get(0).path("kind").asText()).isEqualTo("veth");
        assertThat(v.path("outside").get(0).path("bridge").asText()).isEqualTo("jlab0");
        assertThat(jlab.run("net", "boxed").out()).contains("plugged into jlab0");
    }

    @Test
    void ps_name_shows_pid_1_and_a_child_started_with_exec_d() throws Exception {
        var exec = jlab.run("exec", "-d", "boxed", "sleep", "61");
        assertThat(exec.exitCode()).as(exec.err()).isZero();
        JsonNode nodes = null;
        for (int i = 0; i < 100; i++) {
            nodes = json("ps", "boxed", "--json");
            if (nodes.size() >= 2) break;
            Thread.sleep(50);
        }
        assertThat(nodes).anySatisfy(n -> {
            assertThat(n.path("pidInside").asLong()).isEqualTo(1);
            assertThat(n.path("command").asText()).isEqualTo("sleep 300");
        });
        assertThat(nodes).anySatisfy(n -> {
            assertThat(n.path("pidInside").asLong()).isGreaterThan(1);
            assertThat(n.path("pid").asLong()).isGreaterThan(1);
            assertThat(n.path("command").asText()).isEqualTo("sleep 61");
        });
        var text = jlab.run("ps", "boxed");
        assertThat(text.lines().get(0).split("\\s{2,}")).containsExactly("PID", "PID INSIDE", "COMMAND");
        for (JsonNode n : nodes) {
            if (n.path("command").asText().equals("sleep 61")) ProcessHandle.of(n.path("pid").asLong()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** PID 1 a sleep, its child a shell, the shell's child a sleep: three depths, each indented under its parent. */
    @Test
    void ps_name_indents_each_process_under_its_parent() throws Exception {
        var nested = jlab.run("run", "-d", "--name", "nested", "busybox", "sh", "-c", "sh -c 'sleep 302; :' & exec sleep 301");
        try {
            assertThat(nested.exitCode()).as(nested.err()).isZero();
            List<String> tree = List.of("sleep 301", "└─ sh -c sleep 302; :", "  └─ sleep 302");
            List<String> commands = List.of();
            for (int i = 0; i < 100 && !commands.equals(tree); i++) { // until the forks have exec'd
                if (i > 0) Thread.sleep(50);
                commands = jlab.run("ps", "nested").lines().stream().skip(1).filter(l -> l.matches("\\d+ .*"))
                        .map(l -> l.substring(22)).toList(); // "%-8d  %-10d  ": the command starts at column 22
            }
            assertThat(commands).isEqualTo(tree);
        } finally {
            jlab.run("rm", "-f", "nested");
        }
    }

    @Test
    void without_a_name_or_a_construction_each_command_says_which_container_and_exits_125() {
        for (String cmd : List.of("ns", "mounts", "cgroup", "net")) {
            var r = jlab.run(cmd);
            assertThat(r.exitCode()).isEqualTo(125);
            assertThat(r.err().strip()).isEqualTo("jlab: " + cmd + ": which container? " + cmd + " NAME, or new NAME to build one");
        }
    }

    @Test
    void a_container_that_is_not_running_is_refused_in_one_line() {
        var created = jlab.run("create", "--name", "idle", "busybox", "true");
        try {
            assertThat(created.exitCode()).as(created.err()).isZero();
            var r = jlab.run("ns", "idle");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).matches("jlab: Container [0-9a-f]+ is not running\\s*");
            var missing = jlab.run("mounts", "nosuch");
            assertThat(missing.err().strip()).isEqualTo("jlab: No such container: nosuch");
        } finally {
            jlab.run("rm", "-f", "idle");
        }
    }
}
