package jlab.course.demos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.course.Skip;

/**
 * The shell demos of the "runtimes" and "orchestration" chapters, run for real on this
 * kernel as the course tells a student to: each prints what the chapter says it prints,
 * exits 0, and leaves nothing behind (its runc container, its cgroup, its network
 * namespace, its directories). Needs root; runc-bundle also needs runc (scripts/setup --test).
 */
@Tag("kernel")
class DemoScriptsTest {
    static final Path DEMOS = Path.of("src/demos");

    record Run(int code, String out, String err) { }

    static Run run(Path script, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(script + " did not finish in 120 s");
        }
        return new Run(p.exitValue(), out.join(), err.join());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void assumeRoot() {
        Skip.unless("root".equals(System.getProperty("user.name")), "needs root: the demos make namespaces and cgroups");
    }

    /** Cgroup directories named jlab-demo-* (runc names its cgroup after the container id). */
    static List<Path> demoCgroups() throws IOException {
        try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            return hierarchies.filter(Files::isDirectory).flatMap(h -> {
                try (Stream<Path> children = Files.list(h)) {
                    return children.filter(c -> c.getFileName().toString().startsWith("jlab-demo-")).toList().stream();
                } catch (IOException e) {
                    return Stream.empty();
                }
            }).toList();
        }
    }

    /** The demos' temporary directories (mktemp -d /tmp/jlab-demo.XXXXXX, course-material/README.md). */
    static List<String> demoTmp() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/tmp"))) {
            return s.map(Path::toString).filter(n -> n.startsWith("/tmp/jlab-demo.")).sorted().toList();
        }
    }

    @Test
    void the_oci_bundle_runs_with_runc_through_its_whole_lifecycle_and_leaves_nothing(@TempDir Path tmp) throws Exception {
        assumeRoot();
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runc")) || Files.isExecutable(Path.of("/usr/bin/runc")),
                "needs runc: apt-get install -y runc (scripts/setup --test)");
        Path work = tmp.resolve("oci");
        Run r = run(DEMOS.resolve("runtimes/runc-bundle.sh"), work.toString());
        assertThat(r.code()).as(r.err()).isZero();
        // The container's own hostname, its command PID 1, and 3 processes in its /proc (sh, ls, grep).
        assertThat(r.out()).contains("hostname=oci-box pid=1\n3\n");
        assertThat(r.out()).containsSubsequence("\"status\": \"created\"", "\"status\": \"running\"", "\"status\": \"stopped\"");
        assertThat(r.out()).containsPattern("demo: lifecycle done \\(container uts:\\[(\\d+)\\], host uts:\\[(?!\\1\\])\\d+\\]\\)");
        assertThat(r.out()).containsPattern("crun says hostname=oci-box pid=1|crun not installed");
        assertThat(r.out()).endsWith("demo: ok\n");
        assertThat(work).doesNotExist();
        assertThat(demoCgroups()).as("cgroups left by runc").isEmpty();
        Process list = new ProcessBuilder("runc", "list", "-q").start();
        assertThat(new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).doesNotContain("jlab-demo-");
    }

    @Test
    void two_processes_of_a_pod_share_one_network_namespace_and_its_loopback() throws Exception {
        assumeRoot();
        List<String> tmpBefore = demoTmp();
        Run r = run(DEMOS.resolve("orchestration/pod-by-hand.sh"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("hello from the pod's first container\n");
        List<String> inodes = r.out().lines().filter(l -> l.startsWith("net:[")).toList();
        assertThat(inodes).hasSize(2);
        assertThat(inodes.get(0)).isEqualTo(inodes.get(1)).isNotEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString());
        assertThat(r.out()).endsWith("demo: ok\n");
        assertThat(demoTmp()).as("temporary directories left").isEqualTo(tmpBefore);
        assertThat(Path.of("/run/netns")).satisfiesAnyOf(
                d -> assertThat(d).doesNotExist(),
                d -> { try (Stream<Path> s = Files.list(d)) { assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("jlab-pod-")); } });
    }

    @Test
    void a_demo_given_no_static_busybox_says_what_to_install_in_one_line_and_makes_nothing() throws Exception {
        assumeRoot();
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runc")) || Files.isExecutable(Path.of("/usr/bin/runc")), "needs runc");
        // BUSYBOX pointing at nothing: the demo refuses before it makes anything.
        ProcessBuilder pb = new ProcessBuilder("bash", DEMOS.resolve("runtimes/runc-bundle.sh").toString());
        pb.environment().put("BUSYBOX", "/nonexistent/busybox");
        Process q = pb.start();
        q.getOutputStream().close();
        String err = new String(q.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(q.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(q.exitValue()).isEqualTo(1);
        assertThat(err.lines().toList()).containsExactly("runc-bundle: /nonexistent/busybox is missing or not static: apt-get install -y busybox-static");
    }
}
