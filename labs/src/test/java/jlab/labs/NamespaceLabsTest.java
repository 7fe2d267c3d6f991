package jlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.labs.check.Status;
import jlab.labs.model.Lang;
import jlab.labs.run.CheckResult;
import jlab.labs.run.LabResult;

/**
 * pid-namespace, mount-namespace, bind-mount and user-namespace on the real
 * kernel, solved with unshare, mount and newuidmap as a student would, with
 * the near misses students make, and lab reset leaving the host as it was.
 */
@Tag("kernel")
class NamespaceLabsTest {
    @TempDir Path stateDir;
    private LabOnHost lab;

    @AfterEach
    void reset() {
        if (lab != null) lab.reset();
    }

    // ---- pid-namespace ------------------------------------------------------------------

    @Test
    void unshare_pid_fork_mount_proc_passes_and_reset_kills_the_new_pid_one() throws Exception {
        lab = new LabOnHost("pid-namespace", stateDir).start();
        try (StudentShell sh = StudentShell.start("unshare", "--pid", "--fork", "--mount-proc", "sleep", "60")) {
            LabResult r = lab.checkUntil(x -> LabOnHost.of(x, "own-proc").evidence().stream()
                    .anyMatch(e -> e.observed().contains("(itself)")));
            assertThat(LabOnHost.of(r, "pid-one").status()).isEqualTo(Status.PASS);
            assertThat(LabOnHost.of(r, "own-proc").status()).as(r.toString()).isEqualTo(Status.PASS);
            assertThat(lab.reset()).anyMatch(line -> line.startsWith("killed pid ") && line.contains("(sleep) (PID 1 of pid:["));
            assertThat(sh.exited(5000)).as("killing PID 1 ends its namespace, and unshare with it").isTrue();
        }
    }

    @Test
    void a_new_pid_namespace_that_kept_the_hosts_proc_fails_own_proc_with_the_reason() throws Exception {
        lab = new LabOnHost("pid-namespace", stateDir).start();
        try (StudentShell sh = StudentShell.start("unshare", "--pid", "--fork", "sleep", "60")) {
            LabResult r = lab.checkUntil(x -> LabOnHost.of(x, "own-proc").evidence().size() > 0
                    && LabOnHost.of(x, "own-proc").evidence().stream().anyMatch(e -> !e.observed().contains("(itself)")));
            CheckResult ownProc = LabOnHost.of(r, "own-proc");
            assertThat(ownProc.evidence()).anySatisfy(e -> assertThat(e.observed()).doesNotContain("(itself)"));
            if (ownProc.status() != Status.PASS) { // another PID 1 with its own /proc (a container) would pass it
                assertThat(ownProc.message().in(Lang.EN)).isEqualTo("Its /proc is still the host's: /proc/1 there is not itself.");
                assertThat(ownProc.hints().get(0).in(Lang.EN)).contains("--mount-proc");
            }
        }
    }

    // ---- mount-namespace ------------------------------------------------------------------

    @Test
    void a_tmpfs_mounted_after_unshare_mount_passes_and_one_on_the_host_fails() throws Exception {
        lab = new LabOnHost("mount-namespace", stateDir).start();
        Path dir = Path.of("/mnt/jlab-private");
        boolean made = !Files.exists(dir);
        Files.createDirectories(dir);
        try {
            try (StudentShell sh = StudentShell.start("unshare", "--mount", "sh", "-c",
                    "mount -t tmpfs tmpfs /mnt/jlab-private && exec sleep 60")) {
                LabResult r = lab.checkUntil(LabResult::allPassed);
                assertThat(r.allPassed()).as(r.toString()).isTrue();
                assertThat(lab.reset()).contains("killed pid " + sh.pid() + " (sleep) (its mount namespace has /mnt/jlab-private)");
            }
            // The classic slip: mounted in the host's namespace.
            new ProcessBuilder("mount", "-t", "tmpfs", "tmpfs", "/mnt/jlab-private").inheritIO().start().waitFor();
            CheckResult onHost = LabOnHost.of(lab.check(), "private-tmpfs");
            assertThat(onHost.status()).isEqualTo(Status.FAIL);
            assertThat(onHost.message().in(Lang.EN)).startsWith("The host sees /mnt/jlab-private in its own mount table");
            assertThat(lab.reset()).contains("unmounted /mnt/jlab-private (on the host)");
            assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain("/mnt/jlab-private");
        } finally {
            if (made) Files.deleteIfExists(dir);
        }
    }

    @Test
    void a_mount_of_another_type_is_named() throws Exception {
        lab = new LabOnHost("mount-namespace", stateDir).start();
        Path dir = Path.of("/mnt/jlab-private");
        boolean made = !Files.exists(dir);
        Files.createDirectories(dir);
        try (StudentShell sh = StudentShell.start("unshare", "--mount", "sh", "-c",
                "mount -t ramfs ramfs /mnt/jlab-private && exec sleep 60")) {
            CheckResult c = LabOnHost.of(lab.checkUntilSeen("private-tmpfs", sh.pid()), "private-tmpfs");
            assertThat(c.status()).isEqualTo(Status.FAIL);
            assertThat(c.message().in(Lang.EN)).isEqualTo("/mnt/jlab-private is a ramfs mount, not tmpfs.");
        } finally {
            lab.reset();
            if (made) Files.deleteIfExists(dir);
        }
    }

    // ---- bind-mount ----------------------------------------------------------------------

    private static final String BIND = "mkdir -p /data && mount --bind /srv/jlab/data /data";

    @Test
    void srv_jlab_data_bound_read_only_at_data_passes_read_write_does_not() throws Exception {
        lab = new LabOnHost("bind-mount", stateDir).start();
        assertThat(Path.of("/srv/jlab/data/hello.txt")).as("lab start's fixture").exists();
        boolean made = !Files.exists(Path.of("/data"));
        try {
            try (StudentShell rw = StudentShell.start("unshare", "--mount", "sh", "-c", BIND + " && exec sleep 60")) {
                CheckResult c = LabOnHost.of(lab.checkUntilSeen("data-ro", rw.pid()), "data-ro");
                assertThat(c.status()).isEqualTo(Status.FAIL);
                assertThat(c.message().in(Lang.EN)).isEqualTo("/data is mounted read-write: `mount -o remount,bind,ro /data`.");
            }
            try (StudentShell ro = StudentShell.start("unshare", "--mount", "sh", "-c",
                    BIND + " && mount -o remount,bind,ro /data && exec sleep 60")) {
                LabResult r = lab.checkUntil(LabResult::allPassed);
                assertThat(r.allPassed()).as(r.toString()).isTrue();
            }
            assertThat(lab.reset()).contains("removed /srv/jlab/data");
            assertThat(Path.of("/srv/jlab/data")).doesNotExist();
        } finally {
            if (made) Files.deleteIfExists(Path.of("/data"));
        }
    }

    @Test
    void another_directory_at_data_is_not_the_hosts_srv_jlab_data() throws Exception {
        lab = new LabOnHost("bind-mount", stateDir).start();
        boolean made = !Files.exists(Path.of("/data"));
        try (StudentShell sh = StudentShell.start("unshare", "--mount", "sh", "-c",
                "mkdir -p /data && mount -t tmpfs -o ro tmpfs /data && exec sleep 60")) {
            CheckResult c = LabOnHost.of(lab.checkUntilSeen("data-ro", sh.pid()), "data-ro");
            assertThat(c.status()).isEqualTo(Status.FAIL);
            assertThat(c.message().in(Lang.EN)).startsWith("/data is not the host's /srv/jlab/data (another inode)");
        } finally {
            lab.reset();
            if (made) Files.deleteIfExists(Path.of("/data"));
        }
    }

    // ---- user-namespace ------------------------------------------------------------------

    @Test
    void root_inside_a_user_namespace_mapped_0_100000_65536_passes_and_reset_restores_subuid() throws Exception {
        List<String> subuidBefore = lines("/etc/subuid");
        List<String> subgidBefore = lines("/etc/subgid");
        lab = new LabOnHost("user-namespace", stateDir).start();
        assertThat(lines("/etc/subuid")).contains("root:100000:65536");
        try (StudentShell sh = StudentShell.start("unshare", "--user", "--map-users=100000,0,65536",
                "--map-groups=100000,0,65536", "--setuid", "0", "--setgid", "0", "sleep", "60")) {
            LabResult r = lab.checkUntil(LabResult::allPassed);
            assertThat(r.allPassed()).as(r.toString()).isTrue();
            assertThat(LabOnHost.of(r, "mapped-root").message().in(Lang.EN)).contains("uid 100000 on the host");
            assertThat(lab.reset()).anyMatch(l -> l.startsWith("killed pid " + sh.pid()));
        }
        assertThat(lines("/etc/subuid")).isEqualTo(subuidBefore);
        assertThat(lines("/etc/subgid")).isEqualTo(subgidBefore);
    }

    @Test
    void an_empty_uid_map_and_map_root_user_fail_with_what_the_map_is() throws Exception {
        lab = new LabOnHost("user-namespace", stateDir).start();
        try (StudentShell empty = StudentShell.start("unshare", "--user", "sleep", "60")) {
            CheckResult c = LabOnHost.of(lab.checkUntilSeen("mapped-root", empty.pid()), "mapped-root");
            assertThat(c.evidence()).anySatisfy(e -> {
                assertThat(e.where()).isEqualTo("/proc/" + empty.pid() + "/uid_map");
                assertThat(e.observed()).isEqualTo("(empty)");
            });
        }
        try (StudentShell rootMap = StudentShell.start("unshare", "--user", "--map-root-user", "sleep", "60")) {
            CheckResult c = LabOnHost.of(lab.checkUntil(x -> LabOnHost.of(x, "mapped-root").evidence().stream()
                    .anyMatch(e -> e.where().equals("/proc/" + rootMap.pid() + "/uid_map") && !e.observed().equals("(empty)"))),
                    "mapped-root");
            assertThat(c.status()).isEqualTo(Status.FAIL);
            assertThat(c.evidence()).anySatisfy(e -> {
                assertThat(e.where()).isEqualTo("/proc/" + rootMap.pid() + "/uid_map");
                assertThat(e.observed()).isEqualTo("0 0 1");
            });
        }
    }

    private static List<String> lines(String file) throws IOException {
        Path p = Path.of(file);
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }
}
