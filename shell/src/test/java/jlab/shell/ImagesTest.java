package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The image store through the real jlab: busybox as an ordinary image, listing, tags, rmi and its
 * refusals, prune, inspect and history; what is removed leaves no blob or layer behind.
 */
class ImagesTest extends RealJlabTest {
    @org.junit.jupiter.api.io.TempDir Path tmp;

    private static JlabProcess.Result ok(JlabProcess.Result r) {
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r;
    }

    private static void assertOneLine(JlabProcess.Result r, int code, String... fragments) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(code);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).as("one line, no stack trace: " + r.err()).hasSize(1);
        for (String f : fragments) assertThat(lines.get(0)).contains(f);
    }

    private static List<String> files(String dir) throws IOException {
        Path p = state.resolve("images").resolve(dir);
        if (!Files.isDirectory(p)) return List.of();
        try (Stream<Path> s = Files.list(p)) {
            return s.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    private static String busyboxId() { return busyboxIdOf("busybox"); }

    private static String busyboxIdOf(String name) {
        return ok(jlab.run("images", "-q", "--no-trunc", name)).out().trim();
    }

    @Test
    void busybox_is_an_image_of_the_store_with_an_id_a_layer_and_a_history() throws Exception {
        String images = ok(jlab.run("images")).out();
        assertThat(images.lines().findFirst().orElseThrow()).startsWith("REPOSITORY").contains("TAG", "IMAGE ID", "CREATED", "SIZE");
        assertThat(images).containsPattern("busybox +latest +[0-9a-f]{12} ");

        JsonNode inspect = new ObjectMapper().readTree(ok(jlab.run("image", "inspect", "busybox")).out()).get(0);
        assertThat(inspect.get("Id").asText()).isEqualTo(busyboxId()).startsWith("sha256:");
        assertThat(inspect.get("RepoTags").get(0).asText()).isEqualTo("busybox:latest");
        assertThat(inspect.get("Config").get("Cmd").get(0).asText()).isEqualTo("sh");
        assertThat(inspect.get("RootFS").get("Layers")).hasSize(1);
        String layerDir = inspect.get("GraphDriver").get("LowerDirs").get(0).asText();
        assertThat(Path.of(layerDir, "bin/busybox")).isRegularFile();
        assertThat(layerDir).endsWith(inspect.get("RootFS").get("Layers").get(0).asText().substring(7));

        String history = ok(jlab.run("history", "busybox")).out();
        assertThat(history).contains("CMD [\"sh\"]").contains("jlab: the host's static busybox");
        assertThat(ok(jlab.run("image", "inspect", "--layers", "busybox")).out()).contains("lowerdir=" + layerDir);
    }

    @Test
    void a_tag_is_another_name_and_rmi_of_a_name_removes_only_that_name() {
        ok(jlab.run("tag", "busybox", "mybox:1"));
        assertThat(ok(jlab.run("images", "-q", "--no-trunc", "mybox:1")).out().trim()).isEqualTo(busyboxId());
        assertThat(ok(jlab.run("run", "--rm", "mybox:1", "echo", "from mybox")).out()).isEqualTo("from mybox\n");
        assertThat(ok(jlab.run("rmi", "mybox:1")).out()).isEqualTo("Untagged: mybox:1\n");
        assertThat(ok(jlab.run("images", "-q")).out().lines().count()).isEqualTo(1);
    }

    @Test
    void rmi_of_the_last_tag_deletes_the_image_and_its_files_and_busybox_comes_back_the_same() throws IOException {
        String id = busyboxId();
        JlabProcess.Result r = ok(jlab.run("rmi", "busybox"));
        assertThat(r.out()).isEqualTo("Untagged: busybox:latest\nDeleted: " + id + "\n");
        assertThat(files("blobs/sha256")).isEmpty();
        assertThat(files("layers")).isEmpty();
        assertThat(ok(jlab.run("images", "-q")).out()).isEmpty();

        ok(jlab.run("run", "--rm", "busybox", "true"));
        assertThat(busyboxId()).as("made again from the same host busybox: the same bytes, the same ID").isEqualTo(id);
    }

    @Test
    void an_image_a_container_uses_is_kept_and_force_only_untags_it_until_the_container_goes() throws IOException {
        ok(jlab.run("tag", "busybox", "inuse:1"));
        ok(jlab.run("create", "--name", "user-of-inuse", "inuse:1", "true"));
        try {
            assertThat(ok(jlab.run("rmi", "busybox")).out()).as("another name is left").isEqualTo("Untagged: busybox:latest\n");
            assertOneLine(jlab.run("rmi", "inuse:1"), 1, "conflict", "inuse:1", "is using its referenced image");
            assertOneLine(jlab.run("rmi", busyboxIdOf("inuse:1")), 1, "conflict", "is using its referenced image");
            ok(jlab.run("run", "-d", "--name", "runner-of-inuse", "--network", "none", "inuse:1", "sleep", "300"));
            assertOneLine(jlab.run("rmi", "-f", busyboxIdOf("inuse:1")), 1, "(cannot be forced)", "used by running container");
            ok(jlab.run("rm", "-f", "runner-of-inuse"));
            assertThat(ok(jlab.run("rmi", "-f", "inuse:1")).out()).isEqualTo("Untagged: inuse:1\n");
            assertThat(ok(jlab.run("images")).out()).as("kept, untagged, for its container").contains("<none>");
            assertThat(files("layers")).hasSize(1);
            assertThat(ok(jlab.run("start", "user-of-inuse")).exitCode()).as("its image is still there to start from").isZero();
        } finally {
            jlab.run("rm", "-f", "runner-of-inuse");
            ok(jlab.run("rm", "-f", "user-of-inuse"));
        }
        String pruned = ok(jlab.run("image", "prune")).out();
        assertThat(pruned).contains("Deleted: sha256:").contains("Total: 1 image(s) deleted");
        assertThat(files("blobs/sha256")).isEmpty();
        assertThat(files("layers")).isEmpty();
    }

    @Test
    void an_untagged_image_named_by_its_id_is_removed_with_its_build_steps() throws IOException {
        Path ctx = Files.createTempDirectory(tmp, "ctx");
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nRUN echo built > /built\nCMD [\"cat\", \"/built\"]\n");
        List<String> blobsBefore = files("blobs/sha256");
        String id = ok(jlab.run("build", "-q", ctx.toString())).out().strip();
        assertThat(ok(jlab.run("run", "--rm", id)).out()).isEqualTo("built\n");
        assertThat(ok(jlab.run("images")).out()).as("an untagged build is listed").contains("<none>");
        String removed = ok(jlab.run("rmi", id)).out();
        assertThat(removed).contains("Deleted: " + (id.startsWith("sha256:") ? id : "sha256:" + id));
        assertThat(removed.lines().filter(l -> l.startsWith("Deleted: ")).count()).as("the image and its build step").isEqualTo(2);
        assertThat(files("blobs/sha256")).isEqualTo(blobsBefore);
    }

    @Test
    void publish_all_publishes_the_ports_the_image_exposes_on_free_host_ports() throws Exception {
        Path ctx = Files.createTempDirectory(tmp, "ctx");
        Files.createDirectories(ctx.resolve("www"));
        Files.writeString(ctx.resolve("www/index.html"), "exposed and published\n");
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nCOPY www /www\nEXPOSE 8080\n"
                + "CMD [\"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]\n");
        ok(jlab.run("build", "-q", "-t", "exposing:1", ctx.toString()));
        ok(jlab.run("run", "-d", "--name", "exposer", "-P", "exposing:1"));
        try {
            JsonNode ports = new ObjectMapper().readTree(ok(jlab.run("inspect", "exposer")).out()).get(0)
                    .get("NetworkSettings").get("Ports");
            assertThat(ports).as("one published port: -P read EXPOSE").hasSize(1);
            JsonNode binding = ports.get("8080/tcp").get(0);
            assertThat(binding.get("HostIp").asText()).isEqualTo("0.0.0.0");
            int hostPort = Integer.parseInt(binding.get("HostPort").asText());
            assertThat(ok(jlab.run("port", "exposer")).out()).isEqualTo("8080/tcp -> 0.0.0.0:" + hostPort + "\n");
            assertThat(ok(jlab.run("port", "exposer", "8080")).out()).isEqualTo("0.0.0.0:" + hostPort + "\n");
            var none = jlab.run("port", "exposer", "81");
            assertThat(none.exitCode()).isEqualTo(1);
            assertThat(none.err()).isEqualTo("jlab: No public port '81/tcp' published for exposer\n");
            assertThat(jlab.run("port", "exposer", "http").err()).startsWith("jlab: invalid port \"http\"");
            assertThat(ok(jlab.run("ps", "--format", "{{.Ports}}")).lines()).contains("0.0.0.0:" + hostPort + "->8080/tcp");
            assertThat(BridgeNetworkTest.httpGet("127.0.0.1", hostPort)).isEqualTo("exposed and published\n");
        } finally {
            ok(jlab.run("rm", "-f", "exposer"));
            ok(jlab.run("rmi", "exposing:1"));
        }
    }

    @Test
    void a_jlab_killed_mid_build_leaves_nothing_in_the_store_that_gc_does_not_remove() throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        List<String> blobsBefore = files("blobs/sha256");
        Path ctx = Files.createTempDirectory(tmp, "ctx");
        String secs = LeakTest.uniqueSeconds();
        Files.writeString(ctx.resolve("big"), "x".repeat(1 << 20));
        Files.writeString(ctx.resolve("Dockerfile"), "FROM busybox\nCOPY big /big\nRUN sleep " + secs + "\n");
        Process p = jlab.builder(List.of("build", "--network", "none", "-t", "killed:1", ctx.toString())).start();
        LeakTest.awaitProcess("sleep " + secs);
        p.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS); // kill -9 jlab, mid-RUN
        assertThat(files("builds")).as("the build's scratch directory stays until gc").isNotEmpty();

        String gc = ok(jlab.run("gc")).out();
        assertThat(gc).contains("build directory");
        assertThat(files("builds")).isEmpty();
        assertThat(ok(jlab.run("images", "-q", "killed:1")).out()).as("no image was tagged").isEmpty();
        // The COPY step finished: its image is the build's cache, as in Docker. Pruned, the store is as before.
        ok(jlab.run("image", "prune", "-a"));
        ok(jlab.run("run", "--rm", "busybox", "true"));
        assertThat(files("blobs/sha256")).isEqualTo(blobsBefore);
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void bad_image_names_and_unknown_images_get_one_line() {
        assertOneLine(jlab.run("rmi", "nosuch:9"), 1, "No such image: nosuch:9");
        assertOneLine(jlab.run("tag", "busybox", "Bad:Name"), 1, "invalid reference format", "lowercase");
        assertOneLine(jlab.run("tag", "busybox", "ok:-bad"), 1, "invalid reference format", "tag");
        assertOneLine(jlab.run("run", "--rm", "nosuch:9", "true"), 125, "Unable to find image 'nosuch:9'", "jlab build", "jlab load");
        assertOneLine(jlab.run("history", "nosuch"), 1, "No such image: nosuch");
        assertOneLine(jlab.run("image", "inspect", "nosuch"), 1, "No such image: nosuch");
        assertOneLine(jlab.run("images", "--filter", "label=x"), 125, "dangling=true");
    }
}
