package jlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.kernel.cgroup.CgroupDriver;
import jlab.labs.check.Status;
import jlab.labs.model.Lang;
import jlab.labs.run.CheckResult;
import jlab.labs.run.LabResult;

/**
 * cgroup-namespace on the real kernel, on whichever cgroup version this host
 * mounts (v1: the pids tree), solved as a student does: mkdir, echo $$ into
 * cgroup.procs, then unshare --cgroup. The check reads /proc/PID/cgroup from
 * inside the namespace; the near misses (unshare first, no unshare) get the
 * message that fits; lab reset removes the cgroup and what it holds.
 */
@Tag("kernel")
class CgroupNamespaceLabTest {
    @TempDir Path stateDir;
    private LabOnHost lab;
    private CgroupDriver cgroups;

    @BeforeEach
    void start() {
        lab = new LabOnHost("cgroup-namespace", stateDir).start();
        cgroups = CgroupDriver.detect();
    }

    @AfterEach
    void reset() {
        if (lab == null) return;
        lab.reset();
        assertThat(cgroups.open("jlab-cgns")).as("lab reset removed jlab-cgns").isEmpty();
    }

    /** /sys/fs/cgroup/jlab-cgns on v2; on v1, in the pids tree. */
    private String dir() {
        if (cgroups.version().equals("v2")) return cgroups.roots().get(0) + "/jlab-cgns";
        return cgroups.roots().stream().filter(r -> List.of(r.getFileName().toString().split(",")).contains("pids"))
                .findFirst().orElseThrow() + "/jlab-cgns";
    }

    private LabResult checkUntilSeen(long pid) throws InterruptedException {
        return lab.checkUntil(r -> LabOnHost.of(r, "own-root").evidence().stream().anyMatch(e -> e.where().startsWith("/proc/" + pid + "/cgroup")));
    }

    @Test
    void entering_jlab_cgns_then_unshare_cgroup_passes_and_reset_removes_the_cgroup() throws Exception {
        try (StudentShell sh = StudentShell.sh("mkdir " + dir() + " && echo $$ > " + dir() + "/cgroup.procs && exec unshare --cgroup sleep 60").becomes("sleep")) {
            LabResult r = lab.checkUntil(LabResult::allPassed);
            assertThat(r.allPassed()).as(r.toString()).isTrue();
            CheckResult own = LabOnHost.of(r, "own-root");
            assertThat(own.message().in(Lang.EN)).isEqualTo("pid " + sh.pid() + " (sleep) is in jlab-cgns, in a cgroup namespace of its own"
                    + " rooted at jlab-cgns: from inside, its cgroup reads /.");
            assertThat(own.evidence()).anySatisfy(e -> {
                assertThat(e.where()).startsWith("/proc/" + sh.pid() + "/cgroup, read inside cgroup:[");
                assertThat(e.observed()).endsWith(":/");
            });
            assertThat(own.evidence()).anySatisfy(e -> assertThat(e.observed()).endsWith(":/jlab-cgns"));

            assertThat(lab.reset()).contains("killed pid " + sh.pid() + " (in cgroup jlab-cgns)", "removed cgroup jlab-cgns");
            assertThat(sh.exited(5000)).isTrue();
            assertThat(Path.of(dir())).doesNotExist();
        }
    }

    @Test
    void unshare_cgroup_before_entering_jlab_cgns_fails_and_says_the_order() throws Exception {
        Files.createDirectory(Path.of(dir()));
        try (StudentShell sh = StudentShell.start("unshare", "--cgroup", "sleep", "60").becomes("sleep")) {
            // The slip: the namespace first (rooted where the process is now), then, from another terminal,
            // echo PID > cgroup.procs (v2's nsdelegate forbids the process itself to leave its namespace's root).
            Path ns = Path.of("/proc/" + sh.pid() + "/ns/cgroup");
            for (int i = 0; i < 200 && Files.readSymbolicLink(ns).equals(Files.readSymbolicLink(Path.of("/proc/self/ns/cgroup"))); i++) {
                Thread.sleep(10);
            }
            Files.writeString(Path.of(dir(), "cgroup.procs"), Long.toString(sh.pid()));
            CheckResult own = LabOnHost.of(checkUntilSeen(sh.pid()), "own-root");
            assertThat(own.status()).isEqualTo(Status.FAIL);
            assertThat(own.message().in(Lang.EN)).startsWith("pid " + sh.pid() + " (sleep) has a cgroup namespace of its own, but from inside"
                    + " its cgroup reads ").contains("jlab-cgns, not /: the namespace was made before the process entered jlab-cgns");
            assertThat(own.hints().get(0).in(Lang.EN)).startsWith("Order matters: first enter the cgroup (`echo $$ > " + dir() + "/cgroup.procs`)");
        }
    }

    @Test
    void in_jlab_cgns_without_a_cgroup_namespace_earns_the_first_check_only() throws Exception {
        try (StudentShell sh = StudentShell.sh("mkdir " + dir() + " && echo $$ > " + dir() + "/cgroup.procs && exec sleep 60").becomes("sleep")) {
            LabResult r = checkUntilSeen(sh.pid());
            assertThat(LabOnHost.of(r, "in-cgroup").status()).isEqualTo(Status.PASS);
            CheckResult own = LabOnHost.of(r, "own-root");
            assertThat(own.status()).isEqualTo(Status.FAIL);
            assertThat(own.message().in(Lang.EN)).isEqualTo("pid " + sh.pid() + " (sleep) is in jlab-cgns, but in the host's cgroup namespace:"
                    + " from inside too, its cgroup reads /jlab-cgns.");
            assertThat(r.score()).isEqualTo(2);
        }
    }

    @Test
    void without_the_cgroup_the_second_check_is_skipped_and_the_first_says_where_to_make_it() throws Exception {
        LabResult r = lab.check();
        assertThat(LabOnHost.of(r, "in-cgroup").hints().get(0).in(Lang.EN)).contains("mkdir " + dir());
        assertThat(LabOnHost.of(r, "own-root").status()).isEqualTo(Status.SKIPPED);
    }
}
