package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * commit, diff, save, load, export and import, on the real kernel through the real jlab process: images
 * go in and out of jlab as tarballs that Docker and Podman write and read, and a tarball that is not
 * whole is refused without leaving anything in the store.
 */
class ImageArchiveTest extends RealJlabTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path tmp;
    /** Stores of their own, for what must start from an empty one (a load that must copy every blob). */
    private final List<JlabProcess> others = new ArrayList<>();
    private final List<Path> otherStates = new ArrayList<>();

    @AfterEach
    void removeContainersAndOtherEngines() {
        jlab.run("rm", "-f", "writer", "live", "changer", "src", "flat"); // those the test made; the others: "No such container"
        for (int i = 0; i < others.size(); i++) {
            ok(others.get(i).run("gc"));
            assertThat(HostSnapshot.parentCgroups(otherStates.get(i))).as("the other engine's parent cgroup").isEmpty();
        }
    }

    private JlabProcess emptyStore(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        JlabProcess p = new JlabProcess(dir);
        others.add(p);
        otherStates.add(dir);
        return p;
    }

    private static JlabProcess.Result ok(JlabProcess.Result r) {
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r;
    }

    private static void refusedInOneLine(JlabProcess.Result r, String... fragments) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).as("one line, no stack trace: " + r.err()).hasSize(1);
        assertThat(lines.get(0)).startsWith("jlab: ");
        for (String f : fragments) assertThat(lines.get(0)).contains(f);
    }

    // ---------------------------------------------------------------- commit, diff

    @Test
    void commit_makes_an_image_whose_containers_see_the_written_file_and_not_the_deleted_one() throws IOException {
        ok(jlab.run("run", "--name", "writer", "-e", "GREETING=hi", "busybox", "sh", "-c",
                "echo written > /new-file; rm /etc/group; echo more >> /etc/passwd"));
        String id = ok(jlab.run("commit", "-m", "a greeting", "-a", "Ada <ada@example.org>",
                "-c", "CMD [\"cat\", \"/new-file\"]", "-c", "WORKDIR /etc", "writer", "written:1")).out().strip();
        assertThat(id).matches("sha256:[0-9a-f]{64}");

        assertThat(ok(jlab.run("run", "--rm", "written:1")).out()).as("CMD from --change").isEqualTo("written\n");
        var r = ok(jlab.run("run", "--rm", "written:1", "sh", "-c",
                "pwd; echo $GREETING; tail -1 /etc/passwd; test -e /etc/group && echo group is there || echo group is gone"));
        assertThat(r.lines()).containsExactly("/etc", "hi", "more", "group is gone");
        // The busybox image itself is untouched: its containers still have /etc/group.
        assertThat(ok(jlab.run("run", "--rm", "busybox", "test", "-e", "/etc/group")).exitCode()).isZero();

        JsonNode config = config(state, id);
        assertThat(config.path("author").asText()).isEqualTo("Ada <ada@example.org>");
        JsonNode last = config.path("history").get(config.path("history").size() - 1);
        assertThat(last.path("comment").asText()).isEqualTo("a greeting");
        assertThat(last.path("created_by").asText()).isEqualTo("sh -c echo written > /new-file; rm /etc/group; echo more >> /etc/passwd");
        assertThat(config.path("rootfs").path("diff_ids")).hasSize(2);
        // The layer says "deleted" the OCI way: an empty .wh.group.
        assertThat(layerNames(state, config.path("rootfs").path("diff_ids").get(1).asText()))
                .contains("etc/.wh.group", "new-file", "etc/passwd").doesNotContain("etc/group", "proc/", "etc/resolv.conf");
    }

    @Test
    void a_running_container_is_committed_frozen_and_runs_on_after() {
        ok(jlab.run("run", "-d", "--name", "live", "busybox", "sh", "-c", "echo alive > /alive; exec sleep 1000"));
        waitFor(() -> jlab.run("exec", "live", "cat", "/alive").out().equals("alive\n"));
        String id = ok(jlab.run("commit", "live")).out().strip();
        assertThat(id).startsWith("sha256:");
        assertThat(ok(jlab.run("run", "--rm", id.substring(7, 19), "cat", "/alive")).out()).isEqualTo("alive\n");
        assertThat(ok(jlab.run("exec", "live", "echo", "still running")).out()).as("thawed after the commit")
                .isEqualTo("still running\n");
        assertThat(ok(jlab.run("ps")).out()).contains("live").doesNotContain("Paused");
    }

    @Test
    void diff_lists_what_a_container_added_changed_and_deleted() {
        ok(jlab.run("run", "--name", "changer", "busybox", "sh", "-c",
                "mkdir -p /data/sub; echo x > /data/sub/f; rm /etc/group; echo more >> /etc/passwd"));
        var r = ok(jlab.run("diff", "changer"));
        assertThat(r.lines()).containsExactly("A /data", "A /data/sub", "A /data/sub/f", "C /etc", "D /etc/group",
                "C /etc/passwd");
        refusedInOneLine(jlab.run("diff", "nosuch"), "No such container: nosuch");
    }

    // ---------------------------------------------------------------- save, load

    @Test
    void save_writes_an_oci_layout_with_dockers_manifest_json_and_the_blobs_byte_for_byte() throws IOException {
        ok(jlab.run("run", "--name", "src", "busybox", "sh", "-c", "echo one > /one"));
        String id = ok(jlab.run("commit", "src", "web:1")).out().strip();
        Path tar = tmp.resolve("web.tar");
        ok(jlab.run("save", "-o", tar.toString(), "web:1"));

        Map<String, byte[]> entries = readTar(tar);
        assertThat(entries).containsKeys("oci-layout", "index.json", "manifest.json");
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if (e.getKey().startsWith("blobs/sha256/") && e.getValue() != null) {
                assertThat(sha256(e.getValue())).as("a blob is named by its digest: " + e.getKey())
                        .isEqualTo(e.getKey().substring("blobs/sha256/".length()));
                assertThat(e.getValue()).as("the store's bytes").isEqualTo(
                        Files.readAllBytes(state.resolve("images").resolve(e.getKey())));
            }
        }
        JsonNode index = JSON.readTree(entries.get("index.json"));
        JsonNode entry = index.path("manifests").get(0);
        assertThat(entry.path("annotations").path("io.containerd.image.name").asText()).isEqualTo("docker.io/library/web:1");
        assertThat(entry.path("annotations").path("org.opencontainers.image.ref.name").asText()).isEqualTo("1");
        JsonNode docker = JSON.readTree(entries.get("manifest.json")).get(0);
        assertThat(docker.path("Config").asText()).isEqualTo("blobs/sha256/" + id.substring(7));
        assertThat(docker.path("RepoTags").get(0).asText()).isEqualTo("web:1");
        assertThat(docker.path("Layers")).hasSize(2);
        assertThat(docker.path("Layers").get(1).asText()).startsWith("blobs/sha256/");
    }

    @Test
    void an_image_saved_and_loaded_into_an_empty_store_has_the_same_id_and_manifest_digest_and_runs() throws IOException {
        ok(jlab.run("run", "--name", "src", "busybox", "sh", "-c", "echo travelled > /proof"));
        String id = ok(jlab.run("commit", "-c", "CMD [\"cat\", \"/proof\"]", "src", "traveller:2")).out().strip();
        Path tar = tmp.resolve("traveller.tar");
        ok(jlab.run("save", "-o", tar.toString(), "traveller:2"));

        JlabProcess elsewhere = emptyStore("elsewhere");
        var r = ok(elsewhere.run("load", "-i", tar.toString()));
        assertThat(r.out()).isEqualTo("Loaded image: traveller:2\n");
        assertThat(manifestOf(otherStates.get(0), "traveller:2")).isEqualTo(manifestOf(state, "traveller:2"));
        assertThat(Files.readAllBytes(otherStates.get(0).resolve("images/blobs/sha256/" + id.substring(7))))
                .as("the config, and so the image ID").isEqualTo(Files.readAllBytes(state.resolve("images/blobs/sha256/" + id.substring(7))));
        assertThat(ok(elsewhere.run("run", "--rm", "traveller:2")).out()).isEqualTo("travelled\n");

        // From standard input too; loading it again changes nothing.
        List<String> before = storeContents(otherStates.get(0));
        assertThat(ok(elsewhere.runWithInputFile(tar, "load")).out()).isEqualTo("Loaded image: traveller:2\n");
        assertThat(storeContents(otherStates.get(0))).isEqualTo(before);
    }

    @Test
    void save_then_rmi_then_load_gives_back_the_same_id_and_manifest_digest() throws IOException {
        ok(jlab.run("run", "--name", "src", "busybox", "sh", "-c", "echo round trip > /proof"));
        String id = ok(jlab.run("commit", "src", "roundtrip:1")).out().strip();
        ok(jlab.run("rm", "src"));
        String manifest = manifestOf(state, "roundtrip:1");
        Path tar = tmp.resolve("roundtrip.tar");
        ok(jlab.run("save", "-o", tar.toString(), "roundtrip:1"));
        assertThat(ok(jlab.run("rmi", "roundtrip:1")).out()).contains("Untagged: roundtrip:1", "Deleted: " + id);
        assertThat(state.resolve("images/blobs/sha256/" + id.substring(7))).as("its config is gone").doesNotExist();

        assertThat(ok(jlab.run("load", "-i", tar.toString())).out()).isEqualTo("Loaded image: roundtrip:1\n");
        assertThat(ok(jlab.run("images", "-q", "--no-trunc", "roundtrip:1")).out().strip()).isEqualTo(id);
        assertThat(manifestOf(state, "roundtrip:1")).isEqualTo(manifest);
        assertThat(ok(jlab.run("run", "--rm", "roundtrip:1", "cat", "/proof")).out()).isEqualTo("round trip\n");
        ok(jlab.run("rmi", "roundtrip:1"));
    }

    @Test
    void tarballs_made_by_podman_save_load_and_run_in_both_formats() throws Exception {
        Path podman = Path.of("/usr/bin/podman");
        if (!Files.isExecutable(podman)) {
            fail("podman is missing: this test loads tarballs made by podman save (apt-get install -y podman;"
                    + " scripts/setup --test installs it)");
        }
        Path busybox = Path.of("/bin/busybox");
        Path rootfs = Files.createDirectories(tmp.resolve("rootfs/bin"));
        Files.copy(busybox, rootfs.resolve("busybox"));
        Path rootfsTar = tmp.resolve("rootfs.tar");
        sh("tar", "-C", tmp.resolve("rootfs").toString(), "-cf", rootfsTar.toString(), ".");
        Path store = tmp.resolve("podman");
        List<String> p = List.of(podman.toString(), "--root", store.resolve("root").toString(), "--runroot",
                store.resolve("run").toString(), "--tmpdir", store.resolve("tmp").toString(), "--storage-driver", "vfs",
                "--events-backend", "none", "--cgroup-manager", "cgroupfs");
        try {
            sh(concat(p, "import", "--change", "CMD [\"/bin/busybox\", \"sh\"]", rootfsTar.toString(), "localhost/pbox:1"));
            Path docker = tmp.resolve("docker-archive.tar");
            Path oci = tmp.resolve("oci-archive.tar");
            sh(concat(p, "save", "--format", "docker-archive", "-o", docker.toString(), "localhost/pbox:1"));
            sh(concat(p, "save", "--format", "oci-archive", "-o", oci.toString(), "localhost/pbox:1"));

            JlabProcess fromPodman = emptyStore("from-podman");
            assertThat(ok(fromPodman.run("load", "-i", docker.toString())).out()).isEqualTo("Loaded image: pbox:1\n");
            assertThat(ok(fromPodman.run("run", "--rm", "--network", "none", "pbox:1", "/bin/busybox", "echo", "docker-archive"))
                    .out()).isEqualTo("docker-archive\n");
            assertThat(ok(fromPodman.run("load", "-i", oci.toString())).out()).isEqualTo("Loaded image: pbox:1\n");
            assertThat(ok(fromPodman.run("run", "--rm", "--network", "none", "pbox:1", "/bin/busybox", "echo", "oci-archive"))
                    .out()).isEqualTo("oci-archive\n");
        } finally {
            new ProcessBuilder(concat(p, "rmi", "-a", "-f")).redirectErrorStream(true).start().waitFor();
        }
    }

    @Test
    void a_truncated_or_corrupted_tarball_is_refused_in_one_line_and_leaves_the_store_as_it_was() throws IOException {
        ok(jlab.run("run", "--name", "src", "busybox", "sh", "-c", "head -c 300000 /bin/busybox > /payload"));
        String id = ok(jlab.run("commit", "src", "fragile:1")).out().strip();
        Path good = tmp.resolve("fragile.tar");
        ok(jlab.run("save", "-o", good.toString(), "fragile:1"));
        Path base = tmp.resolve("busybox.tar");
        ok(jlab.run("save", "-o", base.toString(), "busybox"));

        JlabProcess target = emptyStore("target");
        Path targetState = otherStates.get(0);
        ok(target.run("load", "-i", base.toString())); // the store is not empty: busybox's layer is shared
        List<String> before = storeContents(targetState);

        byte[] bytes = Files.readAllBytes(good);
        Map<String, Long> offsets = dataOffsets(good);
        String layer = layerOf(bytes, id);
        long layerAt = offsets.get("blobs/sha256/" + layer);
        long indexAt = offsets.get("index.json");
        long[] cuts = {1000, layerAt + 4096, layerAt + 100_001, indexAt - 512, indexAt + 20, offsets.get("manifest.json") + 10};
        for (long cut : cuts) {
            Path cutShort = tmp.resolve("cut-" + cut + ".tar");
            Files.write(cutShort, java.util.Arrays.copyOf(bytes, (int) cut));
            refusedInOneLine(target.run("load", "-i", cutShort.toString()), cutShort.toString());
            assertThat(storeContents(targetState)).as("after a load of the first " + cut + " bytes").isEqualTo(before);
        }

        byte[] changed = bytes.clone();
        changed[(int) layerAt + 200_000] ^= 1;
        Path corrupted = Files.write(tmp.resolve("corrupted.tar"), changed);
        refusedInOneLine(target.run("load", "-i", corrupted.toString()), "digest mismatch", layer);
        assertThat(storeContents(targetState)).isEqualTo(before);

        Path missing = tmp.resolve("missing.tar");
        rewriteWithout(good, missing, "blobs/sha256/" + layer);
        refusedInOneLine(target.run("load", "-i", missing.toString()), "is missing from the tarball", layer);
        assertThat(storeContents(targetState)).isEqualTo(before);

        // The whole tarball still loads: nothing of the refused ones was in the way.
        assertThat(ok(target.run("load", "-i", good.toString())).out()).isEqualTo("Loaded image: fragile:1\n");
        assertThat(ok(target.run("run", "--rm", "fragile:1", "wc", "-c", "/payload")).out()).contains("300000");
    }

    // ---------------------------------------------------------------- export, import

    @Test
    void export_then_import_gives_an_image_whose_files_equal_the_containers() throws IOException {
        String listing = "find / -xdev ! -path /etc/hosts ! -path /etc/hostname ! -path /etc/resolv.conf"
                + " -exec stat -c '%n %f %u:%g %s' {} + | sort";
        var inside = ok(jlab.run("run", "--name", "flat", "--network", "none", "busybox", "sh", "-c",
                "mkdir -p /srv/www; echo page > /srv/www/index.html; ln /srv/www/index.html /srv/www/same.html;"
                        + " rm /etc/group; chmod 700 /srv; " + listing));
        Path tar = tmp.resolve("flat.tar");
        ok(jlab.run("export", "-o", tar.toString(), "flat"));
        String id = ok(jlab.run("import", "-c", "CMD [\"sh\"]", "-m", "flattened", tar.toString(), "flat:1")).out().strip();
        assertThat(id).startsWith("sha256:");
        assertThat(config(state, id).path("rootfs").path("diff_ids")).as("one layer").hasSize(1);

        var imported = ok(jlab.run("run", "--rm", "--network", "none", "flat:1", "sh", "-c", listing));
        assertThat(imported.out()).isEqualTo(inside.out());
        assertThat(ok(jlab.run("run", "--rm", "flat:1", "cat", "/srv/www/same.html")).out()).isEqualTo("page\n");
    }

    @Test
    void import_refuses_a_tar_that_climbs_out_and_keeps_nothing() throws IOException {
        Path evil = tmp.resolve("evil.tar");
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(evil))) {
            TarArchiveEntry e = new TarArchiveEntry("../../escaped");
            byte[] data = "x".getBytes(StandardCharsets.UTF_8);
            e.setSize(data.length);
            out.putArchiveEntry(e);
            out.write(data);
            out.closeArchiveEntry();
        }
        List<String> before = storeContents(state);
        refusedInOneLine(jlab.run("import", evil.toString(), "evil:1"), "climbs out");
        assertThat(storeContents(state)).isEqualTo(before);
        refusedInOneLine(jlab.run("import", "-c", "RUN true", evil.toString()), "RUN is not an instruction");
    }

    // ---------------------------------------------------------------- helpers

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("not within 10 s");
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    private static void sh(String... cmd) throws IOException, InterruptedException { sh(List.of(cmd)); }

    private static void sh(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
    }

    private static JsonNode config(Path stateDir, String id) throws IOException {
        return JSON.readTree(stateDir.resolve("images/blobs/sha256/" + id.substring(7)).toFile());
    }

    /** The manifest digest the store's index gives {@code tag}. */
    private static String manifestOf(Path stateDir, String tag) throws IOException {
        for (JsonNode m : JSON.readTree(stateDir.resolve("images/index.json").toFile()).path("manifests")) {
            if (tag.equals(m.path("annotations").path("org.opencontainers.image.ref.name").asText())) return m.path("digest").asText();
        }
        throw new AssertionError(tag + " is not in " + stateDir);
    }

    /** The entry names of the layer blob whose (uncompressed) digest is {@code diffId}. */
    private static List<String> layerNames(Path stateDir, String diffId) throws IOException {
        return new ArrayList<>(readTar(stateDir.resolve("images/blobs/sha256/" + diffId.substring(7))).keySet());
    }

    /** The blobs, the unpacked layers and the index: what a refused load must leave as it was. */
    private static List<String> storeContents(Path stateDir) throws IOException {
        List<String> out = new ArrayList<>();
        Path images = stateDir.resolve("images");
        for (String d : List.of("blobs/sha256", "layers")) {
            Path dir = images.resolve(d);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> s = Files.list(dir)) {
                s.map(p -> d + "/" + p.getFileName()).sorted().forEach(out::add);
            }
        }
        Path index = images.resolve("index.json");
        if (Files.exists(index)) out.add(Files.readString(index));
        return out;
    }

    private static Map<String, byte[]> readTar(Path tar) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = t.getNextEntry()) != null) out.put(e.getName(), e.isFile() ? t.readAllBytes() : null);
        }
        return out;
    }

    /** Where each entry's data starts in the tarball. */
    private static Map<String, Long> dataOffsets(Path tar) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = t.getNextEntry()) != null) out.put(e.getName(), t.getBytesRead());
        }
        return out;
    }

    /** The hex of the last layer of the image whose config is {@code id}, read from the tarball's manifest.json. */
    private static String layerOf(byte[] tarBytes, String id) throws IOException {
        Path t = Files.createTempFile("layer-of", ".tar");
        try {
            Files.write(t, tarBytes);
            JsonNode docker = JSON.readTree(readTar(t).get("manifest.json")).get(0);
            assertThat(docker.path("Config").asText()).endsWith(id.substring(7));
            JsonNode layers = docker.path("Layers");
            return layers.get(layers.size() - 1).asText().substring("blobs/sha256/".length());
        } finally {
            Files.delete(t);
        }
    }

    /** A copy of {@code in} without the entry {@code left}. */
    private static void rewriteWithout(Path in, Path out, String left) throws IOException {
        try (InputStream i = Files.newInputStream(in); TarArchiveInputStream t = new TarArchiveInputStream(i);
             TarArchiveOutputStream o = new TarArchiveOutputStream(Files.newOutputStream(out))) {
            o.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry e;
            while ((e = t.getNextEntry()) != null) {
                if (e.getName().equals(left)) continue;
                o.putArchiveEntry(e);
                t.transferTo(o);
                o.closeArchiveEntry();
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
