package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: one clear line, Docker's exit code, and nothing half-made left on the host. */
class BadInputTest extends RealJlabTest {
    HostSnapshot before;

    @BeforeEach
    void snapshot() { before = HostSnapshot.take(state); }

    @AfterEach
    void nothingLeftBehind() { assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty(); }

    private static void assertOneLine(JlabProcess.Result r, int code, String... fragments) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(code);
        List<String> lines = r.err().lines().filter(l -> !l.startsWith("See 'jlab")).toList();
        assertThat(lines).as("one line, no stack trace: " + r.err()).hasSize(1);
        for (String f : fragments) assertThat(lines.get(0)).contains(f);
    }

    @Test
    void an_unknown_image() {
        assertOneLine(jlab.run("run", "--rm", "nosuchimage", "true"), 125, "Unable to find image 'nosuchimage'", "--rootfs");
    }

    @Test
    void no_image_at_all() {
        assertOneLine(jlab.run("run", "--rm"), 125, "requires an image");
    }

    @Test
    void a_rootfs_without_a_command() {
        assertOneLine(jlab.run("run", "--rm", "--rootfs", busyboxRootfs().toString()), 125,
                "no command specified");
    }

    @Test
    void a_rootfs_that_does_not_exist() {
        assertOneLine(jlab.run("run", "--rm", "--rootfs", "/no/such/dir", "sh"), 125, "--rootfs /no/such/dir: no such directory");
    }

    @Test
    void a_memory_size_with_a_bad_unit() {
        assertOneLine(jlab.run("run", "--rm", "--memory", "64x", "busybox", "true"), 125, "--memory", "invalid size: '64x'");
    }

    @Test
    void a_memory_limit_too_small_for_a_process() {
        assertOneLine(jlab.run("run", "--rm", "--memory", "1m", "busybox", "true"), 125, "at least 6m");
    }

    @Test
    void an_unknown_flag() {
        assertOneLine(jlab.run("run", "--rm", "--no-such-flag", "busybox", "true"), 125, "--no-such-flag");
    }

    @Test
    void a_command_that_does_not_exist() {
        assertOneLine(jlab.run("run", "--rm", "busybox", "nope"), 127, "executable file not found");
    }

    @Test
    void a_command_that_is_not_executable() {
        assertOneLine(jlab.run("run", "--rm", "busybox", "/etc/group"), 126, "permission denied");
    }

    @Test
    void an_unknown_user() {
        assertOneLine(jlab.run("run", "--rm", "--user", "alice", "busybox", "id"), 125, "unable to find user alice");
    }

    @Test
    void an_invalid_hostname() {
        assertOneLine(jlab.run("run", "--rm", "--hostname", "bad_host!", "busybox", "true"), 125, "invalid hostname");
    }

    @Test
    void a_name_already_in_use() {
        assertThat(jlab.run("run", "--name", "taken", "busybox", "true").exitCode()).isZero();
        HostSnapshot withKept = HostSnapshot.take(state);
        assertOneLine(jlab.run("run", "--rm", "--name", "taken", "busybox", "true"), 125,
                "\"taken\" is already in use", "jlab rm taken");
        assertThat(HostSnapshot.take(state).changesSince(withKept)).isEmpty();
        assertThat(jlab.run("rm", "taken").exitCode()).isZero();
    }

    @Test
    void not_running_as_root(@TempDir Path jars) throws Exception {
        // setpriv drops to nobody: the one line says why and what to do. Nobody cannot read
        // root's Maven repository, so the classpath is copied where it can.
        StringBuilder cp = new StringBuilder();
        int i = 0;
        for (String entry : System.getProperty("java.class.path").split(":")) {
            Path copy = jars.resolve((i++) + "-" + Path.of(entry).getFileName());
            if (Files.isDirectory(Path.of(entry))) {
                try (var files = Files.walk(Path.of(entry))) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.copy(f, copy.resolve(Path.of(entry).relativize(f).toString()));
                    }
                }
            } else {
                Files.copy(Path.of(entry), copy);
            }
            cp.append(cp.length() == 0 ? "" : ":").append(copy);
        }
        try (var all = Files.walk(jars)) {
            for (Path f : (Iterable<Path>) all::iterator) {
                f.toFile().setReadable(true, false);
                f.toFile().setExecutable(true, false);
            }
        }
        var pb = jlab.builder(List.of("run", "--rm", "busybox", "true"));
        pb.command().set(pb.command().indexOf("-cp") + 1, cp.toString());
        pb.command().addAll(0, List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        var r = run(pb);
        assertOneLine(r, 125, "must run as root", "sudo");
    }

    @Test
    void a_publish_without_a_host_port() {
        assertOneLine(jlab.run("run", "--rm", "-p", "80", "busybox", "true"), 125, "invalid -p 80", "HOST_PORT:CONTAINER_PORT");
    }

    @Test
    void a_publish_with_a_port_that_is_not_a_number_or_out_of_range() {
        assertOneLine(jlab.run("run", "--rm", "-p", "abc:80", "busybox", "true"), 125, "invalid -p abc:80", "invalid hostPort: abc");
        assertOneLine(jlab.run("run", "--rm", "-p", "8080:70000", "busybox", "true"), 125, "invalid containerPort: 70000");
    }

    @Test
    void a_publish_with_an_unknown_protocol_or_a_bad_ip() {
        assertOneLine(jlab.run("run", "--rm", "-p", "8080:80/sctp", "busybox", "true"), 125, "invalid proto: sctp");
        assertOneLine(jlab.run("run", "--rm", "-p", "1.2.3:8080:80", "busybox", "true"), 125, "invalid IP address: 1.2.3");
    }

    @Test
    void a_publish_on_a_network_without_a_bridge() {
        assertOneLine(jlab.run("run", "--rm", "--network", "none", "-p", "8080:80", "busybox", "true"), 125,
                "published ports need a bridge network");
    }

    @Test
    void an_unknown_network() {
        assertOneLine(jlab.run("run", "--rm", "--network", "nosuchnet", "busybox", "true"), 125, "network nosuchnet not found");
        assertOneLine(jlab.run("run", "--rm", "--network", "../etc", "busybox", "true"), 125, "network ../etc not found");
    }

    @Test
    void a_network_with_an_invalid_subnet_or_gateway() {
        assertOneLine(jlab.run("network", "create", "--subnet", "10.213.4.0/33", "jt-bad"), 1, "invalid CIDR address: 10.213.4.0/33");
        assertOneLine(jlab.run("network", "create", "--subnet", "10.213.4.1/24", "jt-bad"), 1, "invalid CIDR address: 10.213.4.1/24");
        assertOneLine(jlab.run("network", "create", "--subnet", "10.213.4.0/24", "--gateway", "10.213.5.1", "jt-bad"), 1,
                "no matching subnet for gateway 10.213.5.1");
    }

    @Test
    void a_network_whose_subnet_overlaps_another() {
        assertOneLine(jlab.run("network", "create", "--subnet", "10.88.7.0/24", "jt-overlap"), 1,
                "Pool overlaps with other one on this address space", "network bridge (10.88.0.0/16)");
    }

    @Test
    void a_network_name_in_use_and_the_predefined_ones() {
        var first = jlab.run("network", "create", "--subnet", "10.213.6.0/24", "jt-twice");
        assertThat(first.exitCode()).as(first.err()).isZero();
        try {
            assertOneLine(jlab.run("network", "create", "--subnet", "10.213.7.0/24", "jt-twice"), 1,
                    "network with name jt-twice already exists");
        } finally {
            assertThat(jlab.run("network", "rm", "jt-twice").exitCode()).isZero();
        }
        assertOneLine(jlab.run("network", "create", "host"), 1, "network with name host already exists");
        assertOneLine(jlab.run("network", "rm", "bridge"), 1, "bridge is a pre-defined network and cannot be removed");
        assertOneLine(jlab.run("network", "rm", "jt-nosuch"), 1, "network jt-nosuch not found");
    }

    private static JlabProcess.Result run(ProcessBuilder pb) {
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            String err = new String(p.getErrorStream().readAllBytes());
            return new JlabProcess.Result(p.waitFor(), out, err);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
