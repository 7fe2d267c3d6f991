package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The labs and jlab, as each lab's "With jlab" section says: a jlab container
 * solves uts-namespace (LabCommandTest), pid-namespace, mount-namespace,
 * bind-mount and user-namespace as it is, and port-publish once its
 * namespace is given the lab's name with {@code ip netns attach}; the checks
 * find jlab's work by looking at the kernel, exactly as they find the work of
 * unshare and mount (the labs module's tests). Where a lab asks for names
 * jlab gives its own way — a cgroup named by the container's id, a root that
 * is an overlay over the image, a veth plugged into jlab's bridge — a jlab
 * container scores what the instructions say it scores, and the lab is done
 * with Linux tools: those figures are pinned here, so that the instructions
 * cannot drift from what jlab does.
 */
class LabsSolvedWithJlabTest extends RealJlabTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private void solvedBy(String lab, List<String> runFlags) {
        assertThat(jlab.run("lab", "start", lab).exitCode()).isZero();
        List<String> run = new java.util.ArrayList<>(List.of("run", "-d", "--name", "solver"));
        run.addAll(runFlags);
        run.addAll(List.of("busybox", "sleep", "300"));
        try {
            assertThat(jlab.run(run.toArray(new String[0])).exitCode()).as(String.join(" ", run)).isZero();
            JlabProcess.Result check = jlab.run("lab", "check", "--lang", "en", lab);
            assertThat(check.exitCode()).as(check.out()).isZero();
            assertThat(check.out()).contains("Passed  " + lab);
        } finally {
            jlab.run("rm", "-f", "solver");
            assertThat(jlab.run("lab", "reset", lab).exitCode()).isZero();
        }
    }

    @Test
    void a_container_is_pid_1_of_its_own_namespace_with_its_own_proc() {
        solvedBy("pid-namespace", List.of());
    }

    @Test
    void tmpfs_at_mnt_jlab_private_is_a_private_mount() {
        solvedBy("mount-namespace", List.of("--tmpfs", "/mnt/jlab-private"));
    }

    @Test
    void a_read_only_volume_is_the_bind_mount_lab() {
        solvedBy("bind-mount", List.of("-v", "/srv/jlab/data:/data:ro"));
    }

    @Test
    void userns_maps_root_to_100000() {
        solvedBy("user-namespace", List.of("--userns"));
    }

    /**
     * ipc-namespace with jlab: the busybox image has no ipcmk, so the container is built step by
     * step, and before pivot-root its exec runs the host's ipcmk in the container's namespaces —
     * the lines the lab's instructions pipe into ./jlab. (cgroup-namespace has no jlab answer:
     * jlab names its containers' cgroups itself, the lab asks for jlab-cgns.)
     */
    @Test
    void a_container_built_step_by_step_holds_a_message_queue_in_its_own_ipc_namespace() {
        assertThat(jlab.run("lab", "start", "ipc-namespace").exitCode()).isZero();
        try {
            JlabProcess.Result r = jlab.runWithInput("new ipcbox\nunshare ipc\nexec ipcmk -Q\nlab check --lang en ipc-namespace\nrm -f ipcbox\n");
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("is in an IPC namespace of its own, which holds msqid 0").contains("Passed  ipc-namespace  5/5");
        } finally {
            jlab.run("rm", "-f", "ipcbox");
            assertThat(jlab.run("lab", "reset", "ipc-namespace").exitCode()).isZero();
        }
    }

    @Test
    void a_published_port_on_a_jlab_network_is_the_port_publish_lab_once_ip_netns_attach_names_the_namespace() throws Exception {
        assertThat(jlab.run("lab", "start", "port-publish").exitCode()).isZero();
        try {
            ok("network", "create", "--subnet", "10.202.0.0/24", "--gateway", "10.202.0.1", "labweb");
            ok("run", "-d", "--name", "web", "--network", "labweb", "-p", "18080:80", "-v", "/srv/jlab/web:/www:ro",
                    "busybox", "httpd", "-f", "-p", "80", "-h", "/www");
            sh("ip netns attach jlab-web " + pidOf("web"));
            JlabProcess.Result check = checkUntilPassed("port-publish");
            assertThat(check.exitCode()).as(check.out()).isZero();
            assertThat(check.out()).contains("eth0 has 10.202.0.2/24 in jlab-web and is UP.")
                    .contains("http://127.0.0.1:18080/index.html serves the file /srv/jlab/web/index.html.")
                    .contains("Passed  port-publish  8/8");
        } finally {
            jlab.run("rm", "-f", "web");
            jlab.run("network", "rm", "labweb");
            assertThat(jlab.run("lab", "reset", "port-publish").exitCode()).isZero();
        }
        assertThat(sh("ls /run/netns 2>/dev/null || true")).doesNotContain("jlab-web");
    }

    @Test
    void a_jlab_network_is_the_bridge_lab_under_jlabs_own_names_6_of_13() throws Exception {
        assertThat(jlab.run("lab", "start", "bridge").exitCode()).isZero();
        try {
            ok("network", "create", "--subnet", "10.201.0.0/24", "--gateway", "10.201.0.1", "labbr");
            ok("run", "-d", "--name", "a", "--network", "labbr", "busybox", "sleep", "300");
            ok("run", "-d", "--name", "b", "--network", "labbr", "busybox", "sleep", "300");
            sh("ip netns attach jlab-a " + pidOf("a") + "; ip netns attach jlab-b " + pidOf("b"));
            JsonNode r = JSON.readTree(jlab.run("lab", "check", "--json", "bridge").out());
            assertThat(results(r)).containsExactly("netns-a pass", "netns-b pass", "bridge fail", "a-plugged fail", "b-plugged fail",
                    "a-address pass", "b-address pass", "a-route pass", "b-route pass", "a-to-b skipped");
            assertThat(r.get("score").asDouble()).isEqualTo(6);
        } finally {
            jlab.run("rm", "-f", "a", "b");
            jlab.run("network", "rm", "labbr");
            assertThat(jlab.run("lab", "reset", "bridge").exitCode()).isZero();
        }
    }

    @Test
    void jlab_run_builds_the_container_lab_but_its_root_and_cgroup_8_33_of_12() throws Exception {
        assertThat(jlab.run("lab", "start", "container").exitCode()).isZero();
        try {
            ok("network", "create", "--subnet", "10.203.0.0/24", "--gateway", "10.203.0.1", "labbox");
            ok("run", "-d", "--name", "box", "--network", "labbox", "--hostname", "jlab-box", "--memory", "64m", "--pids-limit", "50",
                    "--rootfs", "/srv/jlab/rootfs", "/bin/sleep", "300");
            JlabProcess.Result check = jlab.run("lab", "check", "--lang", "en", "container");
            assertThat(check.exitCode()).isEqualTo(1);
            assertThat(check.out()).contains("does not have yet: root /srv/jlab/rootfs.")
                    .contains("No cgroup jlab-box").contains("10.203.0.2 answers a ping from the host.")
                    .contains("Not yet  container  8.33/12");
            assertThat(jlab.run("cgroup", "box").out()).as("jlab's own cgroup, named by the container's id, has the limits")
                    .contains("64MiB (67108864)").containsPattern("pids.max +50");
        } finally {
            jlab.run("rm", "-f", "box");
            jlab.run("network", "rm", "labbox");
            assertThat(jlab.run("lab", "reset", "container").exitCode()).isZero();
        }
    }

    @Test
    void where_jlab_names_things_its_own_way_a_container_does_not_pass_and_the_instructions_say_what_it_shows() throws Exception {
        assertThat(jlab.run("lab", "start", "pivot-root").exitCode()).isZero();
        try {
            ok("run", "-d", "--name", "own-names", "--memory", "64m", "--pids-limit", "20", "--cpus", "0.5",
                    "--rootfs", "/srv/jlab/rootfs", "/bin/sleep", "300");
            sh("ip netns attach jlab-net " + pidOf("own-names"));
            notPassed("pivot-root", "0/6", "No process has /srv/jlab/rootfs as its root."); // its root is an overlay over it
            notPassed("overlay", "0/6", "Nothing is mounted at /srv/jlab/overlay/merged.");
            notPassed("cgroup-memory", "0/5", "No cgroup jlab-mem");
            notPassed("cgroup-pids", "0/5", "No cgroup jlab-pids");
            notPassed("cgroup-cpu", "0/5", "No cgroup jlab-cpu");
            notPassed("veth", "1/10", "There is no link jlab-veth0 on the host.");
            assertThat(jlab.run("cgroup", "own-names").out()).as("what the cgroup labs' With jlab says jlab cgroup shows")
                    .contains("64MiB (67108864)").containsPattern("pids.max +20").containsPattern("(cpu.max +50000 100000|cpu.cfs_quota_us +50000)");
            assertThat(jlab.run("mounts", "own-names").out()).as("what the overlay lab's With jlab says jlab mounts shows")
                    .containsPattern("(?m)^/ +overlay ");
            assertThat(jlab.run("run", "--rm", "--explain", "busybox", "true").out()).as("and --explain, the overlay's layers")
                    .contains("lowerdir=").contains("upperdir=").contains("workdir=");
        } finally {
            jlab.run("rm", "-f", "own-names");
            for (String lab : List.of("veth", "pivot-root", "overlay", "cgroup-memory", "cgroup-pids", "cgroup-cpu")) {
                assertThat(jlab.run("lab", "reset", lab).exitCode()).isZero();
            }
        }
    }

    private static void notPassed(String lab, String score, String why) {
        JlabProcess.Result check = jlab.run("lab", "check", "--lang", "en", lab);
        assertThat(check.exitCode()).as(check.out()).isEqualTo(1);
        assertThat(check.out()).contains(why).contains("Not yet  " + lab + "  " + score);
    }

    private static void ok(String... args) {
        JlabProcess.Result r = jlab.run(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isZero();
    }

    /** The check ids and their results, in order. */
    private static List<String> results(JsonNode result) {
        List<String> l = new java.util.ArrayList<>();
        result.get("tests").forEach(t -> l.add(t.get("id").asText() + " " + t.get("result").asText()));
        return l;
    }

    /** A container's PID 1 on the host: inspect's State.Pid. */
    private static long pidOf(String name) throws IOException {
        JsonNode j = JSON.readTree(jlab.run("inspect", name).out());
        if (j.isArray()) j = j.get(0);
        return j.get("State").get("Pid").asLong();
    }

    /** busybox httpd and a veth's operstate take a moment: lab check again until it passes (3 s at most). */
    private static JlabProcess.Result checkUntilPassed(String lab) throws InterruptedException {
        JlabProcess.Result r = jlab.run("lab", "check", "--lang", "en", lab);
        for (int i = 0; i < 10 && r.exitCode() != 0; i++) {
            Thread.sleep(300);
            r = jlab.run("lab", "check", "--lang", "en", lab);
        }
        return r;
    }

    private static String sh(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("sh", "-ec", script)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(script + "\n" + out).isZero();
        return out;
    }
}
