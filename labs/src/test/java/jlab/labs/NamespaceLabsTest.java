package jlab.labs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
            // Only this student's processes: another PID 1 of the host (a container) must not answer for it.
            LabResult r = lab.checkWithinUntil(sh.pid(), x -> LabOnHost.of(x, "pid-one").status() == Status.PASS);
            assertThat(LabOnHost.of(r, "pid-one").status()).as(r.toString()).isEqualTo(Status.PASS);
            CheckResult ownProc = LabOnHost.of(r, "own-proc");
            assertThat(ownProc.status()).isEqualTo(Status.FAIL);
            assertThat(ownProc.evidence()).singleElement().satisfies(e -> assertThat(e.observed())
                    .as("its /proc/1 is the host's init").doesNotContain("(itself)"));
            assertThat(ownProc.message().in(Lang.EN)).isEqualTo("Its /proc is still the host's: /proc/1 there is not itself.");
            assertThat(ownProc.hints().get(0).in(Lang.EN)).isEqualTo("Mount a fresh /proc in its own mount namespace:"
                    + " `unshare --pid --fork --mount-proc sh`, or `mount -t proc proc /proc` after `unshare --mount`.");
            assertThat(r.score()).isEqualTo(3);
        }
    }

    @Test
    void unshare_pid_without_fork_fails_with_the_hint_to_add_fork() throws Exception {
        lab = new LabOnHost("pid-namespace", stateDir).start();
        // unshare(CLONE_NEWPID) then exec: the shell stays in the host's PID namespace. Its first child (ls) is born
        // in the new one as its PID 1, and ends, taking the namespace with it: the student's next command fails to fork
        // ("Cannot allocate memory"). (Before that first child, the kernel shows no pid_for_children at all.)
        try (StudentShell sh = StudentShell.start("unshare", "--pid", "sh", "-c", "ls >/dev/null; exec sleep 60").becomes("sleep")) {
            LabResult r = lab.checkWithinUntil(sh.pid(), x -> LabOnHost.of(x, "pid-one").message().in(Lang.EN).startsWith("pid " + sh.pid()));
            CheckResult pidOne = LabOnHost.of(r, "pid-one");
            assertThat(pidOne.status()).isEqualTo(Status.FAIL);
            assertThat(pidOne.message().in(Lang.EN)).isEqualTo("pid " + sh.pid() + " (sleep) called unshare(CLONE_NEWPID) but stays in"
                    + " the host's PID namespace: only its children are born in the new one.");
            assertThat(pidOne.hints().get(0).in(Lang.EN)).isEqualTo("Add --fork: `unshare --pid --fork --mount-proc sh`; the forked child becomes PID 1.");
            assertThat(pidOne.evidence()).anySatisfy(e -> assertThat(e.where()).isEqualTo("/proc/" + sh.pid() + "/ns/pid_for_children"));
            assertThat(LabOnHost.of(r, "own-proc").status()).isEqualTo(Status.SKIPPED);
        }
    }

    @Test
    void reset_leaves_a_new_pid_one_whose_root_is_not_the_hosts_another_engines_container(@TempDir Path image) throws Exception {
        Files.createDirectories(image.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), image.resolve("bin/busybox"));
        lab = new LabOnHost("pid-namespace", stateDir).start();
        // As an engine runs a container: its own PID namespace, rooted in an image. Started after lab start all the same.
        try (StudentShell container = StudentShell.start("unshare", "--pid", "--fork", "--root=" + image, "/bin/busybox", "sleep", "60");
             StudentShell student = StudentShell.start("unshare", "--pid", "--fork", "--mount-proc", "sleep", "60")) {
            String containerPidOne = childOf(container.pid());
            String studentPidOne = childOf(student.pid());
            List<String> done = lab.reset();
            assertThat(done).anyMatch(l -> l.startsWith("killed pid " + studentPidOne + " (sleep) (PID 1 of pid:["));
            assertThat(done).noneMatch(l -> l.contains("pid " + containerPidOne + " "));
            assertThat(student.exited(5000)).isTrue();
            assertThat(container.alive()).as("a PID 1 in an image of its own is not the lab's").isTrue();
        }
    }

    /** The PID 1 that unshare --fork made: its only child. */
    static String childOf(long pid) throws Exception {
        Path children = Path.of("/proc/" + pid + "/task/" + pid + "/children");
        for (int i = 0; i < 200; i++) {
            String c = Files.exists(children) ? Files.readString(children).strip() : "";
            if (!c.isEmpty()) return c;
            Thread.sleep(10);
        }
        throw new AssertionError("unshare made no child");
    }

    // ---- mount-namespace ------------------------------------------------------------------

    @Test
    void a_tmpfs_mounted_after_unshare_mount_passes_and_one_on_the_host_fails() throws Exception {
        Path dir = Path.of("/mnt/jlab-private");
        boolean made = !Files.exists(dir);
        lab = new LabOnHost("mount-namespace", stateDir).start();
        Files.createDirectories(dir); // as the instructions say: mkdir -p /mnt/jlab-private
        try {
            try (StudentShell sh = StudentShell.start("unshare", "--mount", "sh", "-c",
                    "mount -t tmpfs tmpfs /mnt/jlab-private && exec sleep 60").becomes("sleep")) {
                LabResult r = lab.checkUntil(LabResult::allPassed);
                assertThat(r.allPassed()).as(r.toString()).isTrue();
                List<String> done = lab.reset();
                assertThat(done).contains("killed pid " + sh.pid() + " (sleep) (its mount namespace has /mnt/jlab-private)");
                if (made) assertThat(done).contains("removed /mnt/jlab-private (made after lab start, empty)");
            }
            // The classic slip: mounted in the host's namespace.
            lab.start();
            Files.createDirectories(dir);
            assertThat(new ProcessBuilder("mount", "-t", "tmpfs", "tmpfs", "/mnt/jlab-private").inheritIO().start().waitFor()).isZero();
            CheckResult onHost = LabOnHost.of(lab.check(), "private-tmpfs");
            assertThat(onHost.status()).isEqualTo(Status.FAIL);
            assertThat(onHost.message().in(Lang.EN)).startsWith("The host sees /mnt/jlab-private in its own mount table");
            List<String> done = lab.reset();
            assertThat(done).contains("unmounted /mnt/jlab-private (on the host)");
            assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain("/mnt/jlab-private");
            if (made) {
                assertThat(done).as("the directory the student made for the lab").contains("removed /mnt/jlab-private (made after lab start, empty)");
                assertThat(dir).doesNotExist();
            } else {
                assertThat(dir).as("there before the lab: not the lab's").isDirectory();
            }
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
        boolean made = !Files.exists(Path.of("/data"));
        lab = new LabOnHost("bind-mount", stateDir).start();
        assertThat(Path.of("/srv/jlab/data/hello.txt")).as("lab start's fixture").exists();
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
            List<String> done = lab.reset();
            assertThat(done).contains("removed /srv/jlab/data");
            assertThat(Path.of("/srv/jlab/data")).doesNotExist();
            if (made) {
                assertThat(done).as("mkdir -p /data, the student's, after lab start").contains("removed /data (made after lab start, empty)");
                assertThat(Path.of("/data")).doesNotExist();
            }
        } finally {
            if (made) Files.deleteIfExists(Path.of("/data"));
        }
    }

    @Test
    void a_data_directory_that_was_there_before_lab_start_is_left_and_so_is_one_with_files() throws Exception {
        Path data = Path.of("/data");
        assumeTrue(!Files.exists(data), "/data is this host's own");
        try {
            Files.createDirectories(data);
            lab = new LabOnHost("bind-mount", stateDir).start();
            assertThat(lab.reset()).as("there before the lab").noneMatch(l -> l.contains(" /data"));
            assertThat(data).isDirectory();

            Files.delete(data);
            lab.start();
            Files.createDirectories(data);
            Files.writeString(data.resolve("notes.txt"), "mine\n");
            assertThat(lab.reset()).contains("left /data: made after lab start, but not empty (its files are not the lab's to remove)");
            assertThat(data.resolve("notes.txt")).exists();
        } finally {
            Files.deleteIfExists(data.resolve("notes.txt"));
            Files.deleteIfExists(data);
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

    private static final String UID_MAP_HINT = "`unshare --user --map-users=100000,0,65536 --map-groups=100000,0,65536 --setuid 0 sh`,"
            + " or write `0 100000 65536` to /proc/PID/uid_map from the host (once: the kernel refuses a second write).";

    @Test
    void an_empty_uid_map_and_map_root_user_fail_with_what_the_map_is_and_the_hint() throws Exception {
        lab = new LabOnHost("user-namespace", stateDir).start();
        try (StudentShell empty = StudentShell.start("unshare", "--user", "sleep", "60").becomes("sleep")) {
            CheckResult c = LabOnHost.of(lab.checkWithinUntil(empty.pid(),
                    x -> !LabOnHost.of(x, "mapped-root").evidence().isEmpty()), "mapped-root");
            assertThat(c.status()).isEqualTo(Status.FAIL);
            assertThat(c.evidence()).singleElement().satisfies(e -> {
                assertThat(e.where()).isEqualTo("/proc/" + empty.pid() + "/uid_map");
                assertThat(e.observed()).isEqualTo("(empty)");
            });
            assertThat(c.message().in(Lang.EN)).isEqualTo("pid " + empty.pid() + " (sleep)'s uid_map is empty: nobody wrote it, so it is 'nobody' (65534) there.");
            assertThat(c.hints().get(0).in(Lang.EN)).isEqualTo(UID_MAP_HINT);
            assertThat(c.hints().get(1).in(Lang.EN)).as("the lab's own hint").startsWith("A uid_map is written once, from outside the namespace");
        }
        try (StudentShell rootMap = StudentShell.start("unshare", "--user", "--map-root-user", "sleep", "60").becomes("sleep")) {
            CheckResult c = LabOnHost.of(lab.checkWithinUntil(rootMap.pid(), x -> LabOnHost.of(x, "mapped-root").evidence().stream()
                    .anyMatch(e -> !e.observed().equals("(empty)"))), "mapped-root");
            assertThat(c.status()).isEqualTo(Status.FAIL);
            assertThat(c.evidence()).singleElement().satisfies(e -> assertThat(e.observed()).isEqualTo("0 0 1"));
            assertThat(c.message().in(Lang.EN)).isEqualTo("pid " + rootMap.pid() + " (sleep)'s uid_map is '0 0 1', not '0 100000 65536'.");
            assertThat(c.hints().get(0).in(Lang.EN)).isEqualTo(UID_MAP_HINT);
        }
    }

    @Test
    void the_right_map_without_becoming_root_in_it_says_which_uid_the_host_sees() throws Exception {
        lab = new LabOnHost("user-namespace", stateDir).start();
        // --map-users without --setuid 0: the map is right, but the process keeps uid 0 outside, unmapped inside.
        try (StudentShell sh = StudentShell.start("unshare", "--user", "--map-users=100000,0,65536", "--map-groups=100000,0,65536",
                "sleep", "60").becomes("sleep")) {
            CheckResult c = LabOnHost.of(lab.checkWithinUntil(sh.pid(), x -> LabOnHost.of(x, "mapped-root").evidence().stream()
                    .anyMatch(e -> e.observed().equals("0 100000 65536"))), "mapped-root");
            assertThat(c.status()).isEqualTo(Status.FAIL);
            assertThat(c.message().in(Lang.EN)).isEqualTo("pid " + sh.pid() + " (sleep) has the right uid_map but is not root in it:"
                    + " uid 0 seen from the host, not 100000.");
            assertThat(c.hints().get(0).in(Lang.EN)).isEqualTo(UID_MAP_HINT);
        }
    }

    private static List<String> lines(String file) throws IOException {
        Path p = Path.of(file);
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }
}
