package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jlab.kernel.ns.Namespace;
import jlab.kernel.syscall.Syscalls;

/**
 * Bridge networking on the real kernel, through the real jlab: containers on a
 * user-defined network reach each other by name, a published port answers the
 * host, and outbound NAT makes a container's packets leave with the host's
 * address. "The outside" is a network namespace this test makes, joined to the
 * host by a veth on a subnet of its own (10.214.9.0/24): no packet goes
 * anywhere else.
 */
class BridgeNetworkTest extends RealJlabTest {
    static final String OUTSIDE_NS = "jt-outside";
    static final String OUTSIDE_HOST_END = "jt-out-h";
    static final String HOST_ADDRESS = "10.214.9.1";
    static final String OUTSIDE_ADDRESS = "10.214.9.2";

    @BeforeAll
    static void makeTheOutside() throws Exception {
        makeOutside(OUTSIDE_NS, OUTSIDE_HOST_END, "jt-out-n", HOST_ADDRESS, OUTSIDE_ADDRESS);
    }

    @AfterAll
    static void removeTheOutside() throws Exception { removeOutside(OUTSIDE_NS, OUTSIDE_HOST_END); }

    /**
     * A namespace NS joined to the host by a veth (HOST_END here, PEER there), HOST_ADDRESS/24 and
     * OUTSIDE_ADDRESS/24 at its ends. The outside knows only its own subnet: it has no route to any
     * container's, so only a masqueraded packet (from HOST_ADDRESS) can be answered.
     */
    static void makeOutside(String ns, String hostEnd, String peer, String hostAddress, String outsideAddress) throws Exception {
        removeOutside(ns, hostEnd);
        sh("ip netns add " + ns);
        sh("ip link add " + hostEnd + " type veth peer name " + peer + " netns " + ns);
        sh("ip addr add " + hostAddress + "/24 dev " + hostEnd + " && ip link set " + hostEnd + " up");
        sh("ip -n " + ns + " addr add " + outsideAddress + "/24 dev " + peer + " && ip -n " + ns
                + " link set " + peer + " up && ip -n " + ns + " link set lo up");
    }

    static void removeOutside(String ns, String hostEnd) throws Exception {
        shQuiet("ip link del " + hostEnd);
        shQuiet("ip netns del " + ns);
    }

    @Test
    void two_containers_on_a_user_defined_network_ping_each_other_by_name() throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        var created = jlab.run("network", "create", "--subnet", "10.213.1.0/24", "jt-ping");
        assertThat(created.exitCode()).as(created.err()).isZero();
        try (Background alpha = Background.start("run", "--rm", "--network", "jt-ping", "--name", "alpha", "busybox",
                "sh", "-c", Background.UNTIL_TERM)) {
            alpha.awaitReady();
            var beta = jlab.run("run", "--rm", "--network", "jt-ping", "--name", "beta", "busybox", "sh", "-c",
                    "ping -c 1 -W 2 alpha && grep -w alpha /etc/hosts");
            assertThat(beta.exitCode()).as(beta.out() + beta.err()).isZero();
            assertThat(beta.out()).contains("1 packets received").containsPattern("10\\.213\\.1\\.\\d+\talpha");
            var inUse = jlab.run("network", "rm", "jt-ping");
            assertThat(inUse.exitCode()).isEqualTo(1);
            assertThat(inUse.err().strip()).contains("network jt-ping", "has active endpoints (alpha)").doesNotContain("\n");
            // alpha learnt of beta while beta ran, and forgot it when beta left: its /etc/hosts is rewritten in place
            String alphaHosts = alpha.hostsFile();
            assertThat(alphaHosts).contains("alpha").doesNotContain("beta");
        }
        var rm = jlab.run("network", "rm", "jt-ping");
        assertThat(rm.exitCode()).as(rm.err()).isZero();
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void a_published_port_answers_the_host_at_127_0_0_1_and_at_the_hosts_own_address() throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        int port = freePort();
        try (Background web = Background.start("run", "--rm", "-p", port + ":80", "busybox", "sh", "-c",
                "mkdir /www && echo hello from the container > /www/index.html && { httpd -f -p 80 -h /www & } && "
                        + Background.UNTIL_TERM)) {
            web.awaitReady();
            assertThat(httpGet("127.0.0.1", port)).isEqualTo("hello from the container\n");
            // the host's address on an interface this test made (the "outside" veth's host end)
            assertThat(httpGet(HOST_ADDRESS, port)).isEqualTo("hello from the container\n");
            // a second container cannot take the same host port, even though nothing on the host listens there
            var taken = jlab.run("run", "--rm", "-p", port + ":80", "busybox", "true");
            assertThat(taken.exitCode()).isEqualTo(125);
            assertThat(taken.err().strip()).contains("Bind for 0.0.0.0:" + port + " failed: port is already allocated")
                    .doesNotContain("\n");
        }
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void outbound_traffic_leaves_with_the_hosts_address() throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        try (ServerSocket outside = listenInOutside(9000)) {
            CompletableFuture<String> peer = CompletableFuture.supplyAsync(() -> acceptOne(outside));
            var r = jlab.run("run", "--rm", "busybox", "sh", "-c",
                    "echo hello outside | nc " + OUTSIDE_ADDRESS + " 9000 && ping -c 1 -W 2 " + OUTSIDE_ADDRESS);
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            assertThat(peer.get(10, TimeUnit.SECONDS)).isEqualTo(HOST_ADDRESS + " hello outside");
        }
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void a_port_already_taken_by_a_program_of_the_host_fails_with_one_line_and_leaves_nothing() throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        try (ServerSocket holder = new ServerSocket()) {
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = holder.getLocalPort();
            var r = jlab.run("run", "--rm", "-p", port + ":80", "busybox", "true");
            assertThat(r.exitCode()).isEqualTo(125);
            assertThat(r.err().lines().toList()).hasSize(1);
            assertThat(r.err()).contains("port is already allocated");
        }
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void two_state_directories_share_jlab0_without_ever_sharing_an_address() throws Exception {
        Path otherState = Files.createTempDirectory("jlab-net-other");
        JlabProcess other = new JlabProcess(otherState);
        HostSnapshot before = HostSnapshot.take(state);
        List<Background> running = new java.util.ArrayList<>();
        try {
            // Started one after the other: what is shared is the bridge and its allocator, not the
            // moment of creation (two jlabs creating containers in one state directory at the very
            // same instant is the lifecycle's concern, tested there).
            other.run("run", "--rm", "--network", "none", "busybox", "true"); // builds its image
            for (int i = 0; i < 2; i++) {
                for (JlabProcess engine : List.of(jlab, other)) {
                    Background b = Background.start(engine, "run", "--rm", "busybox", "sh", "-c", Background.UNTIL_TERM);
                    running.add(b);
                    b.awaitReady();
                }
            }
            List<String> addresses = new java.util.ArrayList<>(addressesIn(state));
            addresses.addAll(addressesIn(otherState));
            assertThat(addresses).hasSize(4).doesNotHaveDuplicates().allMatch(a -> a.startsWith("10.88."));
        } finally {
            for (Background b : running) b.close();
            other.run("gc");
            deleteTree(otherState);
        }
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
        assertThat(HostSnapshot.parentCgroups(otherState)).as("the other engine's parent cgroup after its gc").isEmpty();
    }

    /** The addresses recorded in every container's network.json of a state directory. */
    static List<String> addressesIn(Path stateDir) throws IOException {
        List<String> found = new java.util.ArrayList<>();
        try (var dirs = Files.list(stateDir.resolve("containers"))) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                Path f = d.resolve("network.json");
                if (!Files.exists(f)) continue;
                var m = java.util.regex.Pattern.compile("\"address\" : \"([0-9.]+)\"").matcher(Files.readString(f));
                if (m.find()) found.add(m.group(1));
            }
        }
        return found;
    }

    @Test
    void run_explain_on_the_bridge_lists_every_network_step() {
        var r = jlab.run("run", "--rm", "--explain", "--network", "bridge", "-p", "8080:80", "busybox", "true");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("bridge  (on the host)", "outbound nat  (on the host)", "address allocation",
                "hosts files", "veth pair", "plug into bridge", "address and route", "publish ports", "mount hosts files",
                "ip link add vj", "type veth peer name eth0 netns");
        if (NetfilterTool.nft()) {
            assertThat(r.out()).contains("nft -f -", "add rule ip jlab ports tcp dport 8080 dnat to").doesNotContain("iptables");
        } else {
            assertThat(r.out()).contains("iptables-restore", "--dport 8080", "DNAT");
        }
    }

    @Test
    void network_ls_and_inspect_show_a_user_defined_network_in_json() throws Exception {
        var created = jlab.run("network", "create", "--subnet", "10.213.3.0/24", "--gateway", "10.213.3.254", "jt-ls");
        assertThat(created.exitCode()).as(created.err()).isZero();
        try {
            var ls = jlab.run("network", "ls", "--json");
            assertThat(ls.out()).contains("\"Name\" : \"jt-ls\"", "\"Subnet\" : \"10.213.3.0/24\"", "\"Name\" : \"bridge\"",
                    "\"Name\" : \"host\"", "\"Name\" : \"none\"");
            var inspect = jlab.run("network", "inspect", "jt-ls");
            assertThat(inspect.out()).contains("\"Gateway\" : \"10.213.3.254\"", "\"Subnet\" : \"10.213.3.0/24\"");
            String bridge = "jl-" + created.out().strip().substring(0, 12);
            assertThat(Path.of("/sys/class/net", bridge)).exists();
            var addr = sh("ip -4 -o addr show " + bridge);
            assertThat(addr).contains("10.213.3.254/24");
        } finally {
            jlab.run("network", "rm", "jt-ls");
        }
    }

    // --- helpers ------------------------------------------------------------------------

    /** A container run by a jlab process in the background; it prints "ready" once its command runs. */
    static final class Background implements AutoCloseable {
        /** A PID 1 that ends on SIGTERM (a shell ignores it unless it traps it), after saying it is ready. */
        static final String UNTIL_TERM = "trap 'exit 0' TERM; echo ready; while :; do sleep 1 & wait; done";
        final Process process;
        final BufferedReader out;

        private Background(Process p) {
            process = p;
            out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        }

        static Background start(String... args) throws IOException { return start(jlab, args); }

        static Background start(JlabProcess engine, String... args) throws IOException {
            return new Background(engine.builder(List.of(args)).redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }

        void awaitReady() throws Exception {
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            });
            assertThat(line.get(60, TimeUnit.SECONDS)).as("the background container started").isEqualTo("ready");
        }

        /** The container's /etc/hosts, as jlab keeps it on the host. */
        String hostsFile() throws IOException {
            try (var dirs = Files.list(state.resolve("containers"))) {
                for (Path d : (Iterable<Path>) dirs::iterator) {
                    Path hosts = d.resolve("hosts");
                    if (Files.exists(hosts)) return Files.readString(hosts);
                }
            }
            return "";
        }

        @Override
        public void close() throws Exception {
            process.destroy(); // SIGTERM: jlab forwards it to the container, whose PID 1 exits
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                jlab.run("gc");
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** GET / on ADDRESS:PORT; retried for a few seconds while httpd starts. */
    static String httpGet(String address, int port) throws Exception {
        IOException last = null;
        for (int i = 0; i < 50; i++) {
            try {
                HttpURLConnection c = (HttpURLConnection) new URL("http://" + address + ":" + port + "/").openConnection();
                c.setConnectTimeout(2000);
                c.setReadTimeout(2000);
                try (var in = c.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new AssertionError("no answer from " + address + ":" + port, last);
    }

    /**
     * A listening socket in the outside namespace: a socket belongs to the network
     * namespace of the thread that creates it, so a thread joins the namespace,
     * creates it, and ends.
     */
    static ServerSocket listenInOutside(int port) throws Exception { return listenIn(OUTSIDE_NS, OUTSIDE_ADDRESS, port); }

    /** A listening socket at ADDRESS:PORT in the network namespace NS (one the test made). */
    static ServerSocket listenIn(String ns, String address, int port) throws Exception {
        CompletableFuture<ServerSocket> made = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                Syscalls.get().setns(Path.of("/run/netns/" + ns), Namespace.NET);
                ServerSocket s = new ServerSocket();
                s.bind(new InetSocketAddress(InetAddress.getByName(address), port));
                s.setSoTimeout(20_000);
                made.complete(s);
            } catch (Exception e) {
                made.completeExceptionally(e);
            }
        });
        t.start();
        t.join();
        return made.get();
    }

    /** "ADDRESS LINE": who connected, as the outside saw it, and the first line it sent. */
    static String acceptOne(ServerSocket s) {
        try (Socket c = s.accept()) {
            String line = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8)).readLine();
            return c.getInetAddress().getHostAddress() + " " + line;
        } catch (IOException e) {
            return "accept failed: " + e;
        }
    }

    static String sh(String command) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new AssertionError(command + " failed: " + out);
        return out;
    }

    static void shQuiet(String command) throws Exception {
        new ProcessBuilder("sh", "-c", command + " 2>/dev/null").start().waitFor();
    }
}
