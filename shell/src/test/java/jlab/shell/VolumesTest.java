package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * -v, --mount, --tmpfs and volume create/ls/inspect/rm, on the real kernel, through the real jlab process.
 * Every test leaves the host as it found it: mounts, cgroups, and the state directory (its volumes too).
 */
class VolumesTest extends RealJlabTest {
    @TempDir Path host;
    HostSnapshot before;

    @BeforeEach
    void snapshot() throws IOException {
        Files.createDirectories(state.resolve("volumes")); // made by the first volume, kept (as Docker's)
        before = HostSnapshot.take(state);
    }

    @AfterEach
    void nothingLeftBehind() { assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty(); }

    private static JlabProcess.Result ok(JlabProcess.Result r) {
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r;
    }

    private static void assertOneLine(JlabProcess.Result r, int code, String... fragments) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(code);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).as("one line, no stack trace: " + r.err()).hasSize(1);
        for (String f : fragments) assertThat(lines.get(0)).contains(f);
    }

    @Test
    void a_bind_mount_shows_the_hosts_files_inside() throws IOException {
        Files.writeString(host.resolve("index.html"), "<h1>from the host</h1>\n");
        var r = ok(jlab.run("run", "--rm", "-v", host + ":/www", "busybox", "cat", "/www/index.html"));
        assertThat(r.out()).isEqualTo("<h1>from the host</h1>\n");
    }

    @Test
    void a_read_only_bind_refuses_the_containers_writes() throws IOException {
        Files.writeString(host.resolve("f"), "original\n");
        var r = jlab.run("run", "--rm", "-v", host + ":/www:ro", "busybox", "sh", "-c",
                "echo changed > /www/f; echo new > /www/g; grep ' /www ' /proc/self/mountinfo");
        assertThat(r.err()).contains("Read-only file system");
        assertThat(r.out()).as("the mount's own flags: ro").containsPattern(" /www ro[, ]");
        assertThat(host.resolve("f")).hasContent("original");
        assertThat(host.resolve("g")).doesNotExist();
    }

    @Test
    void a_read_only_bind_keeps_the_nosuid_nodev_noexec_of_the_hosts_mount() throws Exception {
        // A host mount of the test's own, unmounted below: a remount replaces a mount's flags, and a
        // read-only bind of a nosuid directory must not come out with setuid programs working again.
        Path src = Files.createDirectories(host.resolve("nosuid"));
        assertThat(new ProcessBuilder("mount", "-t", "tmpfs", "-o", "nosuid,nodev,noexec,size=1m", "tmpfs", src.toString())
                .inheritIO().start().waitFor()).isZero();
        try {
            var r = ok(jlab.run("run", "--rm", "-v", src + ":/strict:ro", "busybox", "grep", " /strict ", "/proc/self/mountinfo"));
            String options = r.out().split(" ")[5];
            assertThat(options.split(",")).contains("ro", "nosuid", "nodev", "noexec");
        } finally {
            assertThat(new ProcessBuilder("umount", src.toString()).inheritIO().start().waitFor()).isZero();
        }
    }

    @Test
    void a_write_through_a_rw_bind_shows_on_the_host() {
        ok(jlab.run("run", "--rm", "-v", host + ":/out", "busybox", "sh", "-c", "echo written inside > /out/result"));
        assertThat(host.resolve("result")).hasContent("written inside");
    }

    @Test
    void v_creates_a_missing_host_directory_as_docker_does() {
        Path missing = host.resolve("made/by/jlab");
        ok(jlab.run("run", "--rm", "-v", missing + ":/d", "busybox", "touch", "/d/x"));
        assertThat(missing.resolve("x")).exists();
    }

    @Test
    void a_file_is_bind_mounted_onto_a_file() throws IOException {
        Files.writeString(host.resolve("hosts"), "10.1.2.3 web\n");
        var r = ok(jlab.run("run", "--rm", "-v", host.resolve("hosts") + ":/etc/hosts:ro",
                "-v", host.resolve("hosts") + ":/new/dir/file", "busybox", "sh", "-c", "cat /etc/hosts /new/dir/file"));
        assertThat(r.lines()).containsExactly("10.1.2.3 web", "10.1.2.3 web");
    }

    @Test
    void a_named_volume_survives_rm_and_the_next_container_sees_it() {
        ok(jlab.run("run", "--name", "writer", "-v", "survivor:/data", "busybox", "sh", "-c", "echo kept > /data/file"));
        ok(jlab.run("rm", "writer"));
        assertThat(state.resolve("volumes/survivor/_data/file")).hasContent("kept");
        var r = ok(jlab.run("run", "--rm", "-v", "survivor:/elsewhere", "busybox", "cat", "/elsewhere/file"));
        assertThat(r.out()).isEqualTo("kept\n");
        assertThat(ok(jlab.run("volume", "ls")).out()).contains("local     survivor");
        ok(jlab.run("volume", "rm", "survivor"));
        assertThat(ok(jlab.run("volume", "ls", "-q")).out()).doesNotContain("survivor");
    }

    @Test
    void an_empty_named_volume_receives_the_images_files_at_its_target() {
        var r = ok(jlab.run("run", "--rm", "-v", "etcvol:/etc", "busybox", "sh", "-c", "head -1 /etc/passwd"));
        assertThat(r.out()).startsWith("root:");
        assertThat(state.resolve("volumes/etcvol/_data/passwd")).exists();
        // not empty any more: a second container's image files are not copied over the volume's
        ok(jlab.run("run", "--rm", "-v", "etcvol:/etc", "busybox", "sh", "-c", "echo mine > /etc/passwd"));
        assertThat(ok(jlab.run("run", "--rm", "-v", "etcvol:/etc", "busybox", "cat", "/etc/passwd")).out()).isEqualTo("mine\n");
        // nocopy: the volume stays empty
        var empty = ok(jlab.run("run", "--rm", "-v", "emptyvol:/etc:nocopy", "busybox", "sh", "-c", "ls /etc | wc -l"));
        assertThat(empty.out().strip()).isEqualTo("0");
        ok(jlab.run("volume", "rm", "etcvol", "emptyvol"));
    }

    @Test
    void volume_rm_of_a_volume_in_use_fails_with_one_line() {
        ok(jlab.run("volume", "create", "busyvol"));
        ok(jlab.run("run", "--name", "holder", "-v", "busyvol:/data", "busybox", "true"));
        var r = jlab.run("volume", "rm", "busyvol");
        assertOneLine(r, 1, "remove busyvol: volume is in use - [", "jlab rm ");
        assertThat(state.resolve("volumes/busyvol/_data")).isDirectory();
        var inspect = ok(jlab.run("volume", "inspect", "busyvol")).out();
        assertThat(inspect).contains("\"Name\" : \"busyvol\"").contains("\"Mountpoint\" : \"" + state + "/volumes/busyvol/_data\"")
                .contains("\"CreatedAt\"").contains("\"Scope\" : \"local\"").contains("\"UsedBy\" : [ \"");
        assertThat(ok(jlab.run("volume", "inspect", "-f", "{{.Mountpoint}}", "busyvol")).out())
                .isEqualTo(state + "/volumes/busyvol/_data\n");
        ok(jlab.run("rm", "holder"));
        assertThat(ok(jlab.run("volume", "rm", "busyvol")).out()).isEqualTo("busyvol\n");
        assertOneLine(jlab.run("volume", "rm", "busyvol"), 1, "No such volume: busyvol");
    }

    @Test
    void an_anonymous_volume_goes_with_rm_v_and_with_rm() {
        ok(jlab.run("run", "--name", "anon", "-v", "/scratch", "busybox", "sh", "-c", "echo x > /scratch/f"));
        List<String> made = ok(jlab.run("volume", "ls", "-q")).lines();
        assertThat(made).hasSize(1).allMatch(n -> n.matches("[0-9a-f]{64}"));
        ok(jlab.run("rm", "-v", "anon")); // another jlab process: the volume is found from the saved spec
        assertThat(ok(jlab.run("volume", "ls", "-q")).out()).isEmpty();

        ok(jlab.run("run", "--rm", "-v", "/scratch", "--mount", "type=volume,target=/other", "busybox", "true"));
        assertThat(ok(jlab.run("volume", "ls", "-q")).out()).as("--rm removes anonymous volumes").isEmpty();

        ok(jlab.run("run", "--name", "named", "-v", "stays:/d", "busybox", "true"));
        ok(jlab.run("rm", "-v", "named"));
        assertThat(ok(jlab.run("volume", "ls", "-q")).lines()).as("rm -v keeps named volumes").containsExactly("stays");
        ok(jlab.run("volume", "rm", "stays"));
    }

    @Test
    void volume_prune_removes_unused_anonymous_volumes_and_with_a_the_named_ones() {
        ok(jlab.run("run", "--name", "user", "-v", "/inuse", "busybox", "true"));
        ok(jlab.run("volume", "create", "pruneme"));
        assertThat(ok(jlab.run("volume", "prune")).out()).as("in use: kept").isEmpty();
        String dangling = ok(jlab.run("volume", "ls", "-q")).lines().stream().filter(n -> n.length() == 64).findFirst().orElseThrow();
        ok(jlab.run("rm", "user")); // without -v: its anonymous volume stays, unused ("dangling")
        var pruned = ok(jlab.run("volume", "prune", "-f"));
        assertThat(pruned.lines()).containsExactly("Deleted Volumes:", dangling);
        assertThat(ok(jlab.run("volume", "ls", "-q")).lines()).containsExactly("pruneme");
        assertThat(ok(jlab.run("volume", "prune", "-a", "--json")).out()).contains("\"pruneme\"");
        assertThat(ok(jlab.run("volume", "ls", "-q")).out()).isEmpty();
    }

    @Test
    void with_userns_a_new_volume_belongs_to_the_containers_root() {
        var r = ok(jlab.run("run", "--rm", "--userns", "-v", "usernsvol:/data", "busybox", "sh", "-c",
                "echo w > /data/f && stat -c %u /data/f"));
        assertThat(r.out().strip()).isEqualTo("0");
        assertThat(state.resolve("volumes/usernsvol/_data/f")).hasContent("w");
        ok(jlab.run("volume", "rm", "usernsvol"));
    }

    @Test
    void tmpfs_is_a_tmpfs_with_the_given_size() {
        var r = ok(jlab.run("run", "--rm", "--tmpfs", "/scratch:size=8m,mode=1777", "busybox", "sh", "-c",
                "grep ' /scratch ' /proc/mounts; stat -c %a /scratch; echo x > /scratch/f && cat /scratch/f"));
        assertThat(r.lines().get(0)).startsWith("tmpfs /scratch tmpfs rw,nosuid,nodev,noexec").contains("size=8192k");
        assertThat(r.lines()).containsSubsequence("1777", "x");
    }

    @Test
    void mount_of_each_type() throws IOException {
        Files.writeString(host.resolve("page"), "bound\n");
        var r = jlab.run("run", "--rm",
                "--mount", "type=bind,source=" + host + ",target=/www,readonly",
                "--mount", "type=volume,source=mountvol,target=/data",
                "--mount", "type=tmpfs,target=/run/t,tmpfs-size=16m,tmpfs-mode=1770",
                "busybox", "sh", "-c", "cat /www/page; touch /www/x 2>/dev/null || echo ro;"
                        + " echo v > /data/v; grep ' /run/t ' /proc/mounts; stat -c %a /run/t");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines()).containsSubsequence("bound", "ro", "1770");
        assertThat(r.out()).contains("tmpfs /run/t tmpfs rw,nosuid,nodev,noexec").contains("size=16384k");
        assertThat(state.resolve("volumes/mountvol/_data/v")).hasContent("v");
        ok(jlab.run("volume", "rm", "mountvol"));
    }

    @Test
    void a_target_through_a_symlink_that_escapes_stays_inside_the_rootfs() throws Exception {
        Path rootfs = host.resolve("rootfs");
        Process cp = new ProcessBuilder("cp", "-a", busyboxRootfs().toString(), rootfs.toString())
                .inheritIO().start();
        assertThat(cp.waitFor()).isZero();
        Files.createSymbolicLink(rootfs.resolve("data"), Path.of("/../../etc"));
        String outside = "jlab-escape-" + ProcessHandle.current().pid();
        Files.createSymbolicLink(rootfs.resolve("deep"), Path.of("../../../../" + outside + "/dir"));
        Files.createDirectories(host.resolve("src"));
        Files.writeString(host.resolve("src/marker"), "marker\n");

        var r = jlab.run("run", "--rm", "--rootfs", rootfs.toString(), "-v", host.resolve("src") + ":/data",
                "-v", host.resolve("src") + ":/deep/x", "sh", "-c",
                "cat /etc/marker; cat /" + outside + "/dir/x/marker; grep -c src /proc/self/mountinfo");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines()).as("both mounts landed in the container's own tree").containsExactly("marker", "marker", "2");
        assertThat(Path.of("/" + outside)).as("nothing made on the host's /").doesNotExist();
        assertThat(rootfs.resolve(outside)).as("nor in the image: made in the container's upper dir").doesNotExist();
        assertThat(Path.of("/etc/marker")).doesNotExist();
    }

    @Test
    void a_bad_v_fails_with_one_line_and_exit_125_and_makes_nothing() {
        assertOneLine(jlab.run("run", "--rm", "-v", "./site:/www", "busybox", "true"), 125, "-v ./site:/www", "absolute");
        assertOneLine(jlab.run("run", "--rm", "-v", host + ":/a/../etc", "busybox", "true"), 125, "\"..\"");
        assertOneLine(jlab.run("run", "--rm", "-v", "../x:/www", "busybox", "true"), 125, "absolute");
        assertOneLine(jlab.run("run", "--rm", "-v", "bad/name:/www", "busybox", "true"), 125, "absolute");
        assertOneLine(jlab.run("run", "--rm", "-v", host + ":www", "busybox", "true"), 125, "mount path must be absolute");
        assertOneLine(jlab.run("run", "--rm", "-v", host + ":/x", "--tmpfs", "/x", "busybox", "true"), 125,
                "Duplicate mount point: /x");
        assertOneLine(jlab.run("run", "--rm", "--mount", "type=bind,source=" + host.resolve("nope") + ",target=/x",
                "busybox", "true"), 125, "bind source path does not exist");
        assertOneLine(jlab.run("volume", "create", "../escape"), 1, "invalid characters");
        assertThat(host.resolve("nope")).doesNotExist();
    }

    @Test
    void the_hosts_mountinfo_never_shows_the_containers_mounts() throws Exception {
        Process p = jlab.builder(List.of("run", "--rm", "--name", "watched", "-v", host + ":/www", "-v", "watchvol:/data",
                "--tmpfs", "/scratch", "busybox", "sh", "-c",
                "touch /www/ready; while [ ! -f /www/go ]; do sleep 0.05; done")).start();
        try {
            for (int i = 0; i < 400 && !Files.exists(host.resolve("ready")); i++) Thread.sleep(25);
            assertThat(host.resolve("ready")).as("the container started").exists();
            String hostMounts = Files.readString(Path.of("/proc/self/mountinfo"));
            assertThat(hostMounts).doesNotContain(state.toString()).doesNotContain(" /www ").doesNotContain("/scratch");

            String ps = ok(jlab.run("ps", "--json")).out();
            String pid = ps.replaceAll("(?s).*\"initPid\" : ([0-9]+).*", "$1");
            String inside = Files.readString(Path.of("/proc", pid, "mountinfo"));
            assertThat(inside).contains(" /www ").contains(" /data ").contains(" /scratch ");
        } finally {
            Files.writeString(host.resolve("go"), "");
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(p.exitValue()).isZero();
        ok(jlab.run("volume", "rm", "watchvol"));
    }

    @Test
    void a_jlab_killed_with_an_rm_container_leaves_no_anonymous_volume_after_gc() throws Exception {
        Process p = jlab.builder(List.of("run", "--rm", "-v", host + ":/www", "-v", "/anon", "busybox", "sh", "-c",
                "touch /www/ready; sleep 300")).start();
        for (int i = 0; i < 400 && !Files.exists(host.resolve("ready")); i++) Thread.sleep(25);
        assertThat(ok(jlab.run("volume", "ls", "-q")).lines()).hasSize(1);
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9 jlab: its container dies with it
        var gc = ok(jlab.run("gc"));
        assertThat(gc.out()).contains("removed anonymous volume ");
        assertThat(ok(jlab.run("volume", "ls", "-q")).out()).isEmpty();
    }

    @Test
    void many_runs_with_every_kind_of_mount_leave_the_host_as_it_was() throws IOException {
        Files.writeString(host.resolve("page"), "p\n");
        String line = "run --rm -v " + host + ":/www:ro -v leakvol:/data -v /anon --tmpfs /scratch:size=1m"
                + " --mount type=tmpfs,target=/t busybox sh -c 'cat /www/page > /data/copy; cat /data/copy'\n";
        var r = jlab.runWithInput(line.repeat(30) + "volume rm leakvol\n");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines()).hasSize(31).containsOnly("p", "leakvol");
    }
}
