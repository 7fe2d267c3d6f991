package jlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.engine.state.StateDir;
import jlab.kernel.cgroup.CgroupDriver;
import jlab.kernel.syscall.Syscalls;
import jlab.labs.check.Status;
import jlab.labs.model.Lab;
import jlab.labs.model.Lang;
import jlab.labs.run.CheckResult;
import jlab.labs.run.LabResult;

/**
 * The cgroup labs on the real kernel, solved as a student does: mkdir, echo
 * into the limit file, echo $$ into cgroup.procs — on whichever version this
 * host mounts (v1 on our build machines; scripts/cgroup2-guest-checks runs
 * the same labs on v2).
 */
@Tag("kernel")
class CgroupLabsTest {
    @TempDir Path stateDir;
    private StateDir state;
    private CgroupDriver cgroups;

    @BeforeEach
    void root() {
        Skip.unless(Syscalls.get().geteuid() == 0, "requires root: making cgroups needs it");
        state = new StateDir(stateDir);
        cgroups = CgroupDriver.detect();
    }

    @AfterEach
    void reset() {
        if (state == null) return;
        for (String id : List.of("cgroup-memory", "cgroup-pids", "cgroup-cpu")) Labs.reset(lab(id), state);
        for (String name : List.of("jlab-mem", "jlab-pids", "jlab-cpu")) {
            assertThat(cgroups.open(name)).as("lab reset removed " + name).isEmpty();
        }
    }

    private static Lab lab(String id) { return Catalogue.builtIn().find(id).orElseThrow(); }

    /** The cgroup's directory in the tree of that controller: /sys/fs/cgroup/NAME on v2, /sys/fs/cgroup/CONTROLLER/NAME on v1. */
    private String dir(String controller, String name) {
        if (cgroups.version().equals("v2")) return cgroups.roots().get(0) + "/" + name;
        return cgroups.roots().stream().filter(r -> List.of(r.getFileName().toString().split(",")).contains(controller))
                .findFirst().orElseThrow() + "/" + name;
    }

    /** A student's shell: makes the cgroup, writes the limit, moves itself in, and stays (exec sleep). */
    private StudentShell student(String controller, String name, String file, String value, boolean moveIn) {
        String d = dir(controller, name);
        String v1File = switch (file) {
            case "memory.max" -> "memory.limit_in_bytes";
            case "cpu.max" -> "cpu.cfs_quota_us";
            default -> file;
        };
        String v1Value = file.equals("cpu.max") ? value.split(" ")[0] : value;
        String write = cgroups.version().equals("v2") ? "echo '" + value + "' > " + d + "/" + file
                : "echo '" + v1Value + "' > " + d + "/" + v1File;
        String enable = cgroups.version().equals("v2")
                ? "echo +" + controller + " > " + cgroups.roots().get(0) + "/cgroup.subtree_control; " : "";
        return StudentShell.sh(enable + "mkdir " + d + " && " + write + (moveIn ? " && echo $$ > " + d + "/cgroup.procs" : "")
                + "; exec sleep 60");
    }

    private LabResult checkUntilSettled(String id, StudentShell shell) throws InterruptedException {
        // The shell makes the cgroup and moves in a moment after it starts, then becomes sleep.
        shell.becomes("sleep");
        return Labs.check(lab(id), state);
    }

    private static CheckResult check(LabResult r, String id) {
        return r.checks().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void cgroup_memory_made_with_mkdir_and_echo_passes_and_reset_removes_it() throws Exception {
        try (StudentShell shell = student("memory", "jlab-mem", "memory.max", "64M", true)) {
            LabResult r = checkUntilSettled("cgroup-memory", shell);
            assertThat(r.allPassed()).as(r.toString()).isTrue();
            assertThat(check(r, "process").message().in(Lang.EN)).contains(shell.pid() + " (sleep)");

            assertThat(Labs.reset(lab("cgroup-memory"), state)).contains("killed pid " + shell.pid() + " (in cgroup jlab-mem)",
                    "removed cgroup jlab-mem");
            assertThat(shell.exited(5000)).isTrue();
        }
    }

    @Test
    void decimal_megabytes_and_an_empty_cgroup_fail_with_hints_that_fit() throws Exception {
        try (StudentShell shell = student("memory", "jlab-mem", "memory.max", "64000000", false)) {
            LabResult r = checkUntilSettled("cgroup-memory", shell);
            CheckResult limit = check(r, "limit");
            assertThat(limit.status()).isEqualTo(Status.FAIL);
            assertThat(limit.message().in(Lang.EN)).endsWith("is 64000000, not 67108864.");
            assertThat(limit.hints().get(0).in(Lang.EN)).contains("write 64M");
            CheckResult process = check(r, "process");
            assertThat(process.status()).isEqualTo(Status.FAIL);
            assertThat(process.hints().get(0).in(Lang.EN)).contains("echo $$ > " + dir("memory", "jlab-mem") + "/cgroup.procs");
            assertThat(r.score()).isZero();
        }
    }

    @Test
    void cgroup_pids_and_cgroup_cpu_pass_when_made_by_hand() throws Exception {
        try (StudentShell pids = student("pids", "jlab-pids", "pids.max", "20", true);
             StudentShell cpu = student("cpu", "jlab-cpu", "cpu.max", "50000 100000", true)) {
            assertThat(checkUntilSettled("cgroup-pids", pids).allPassed()).isTrue();
            assertThat(checkUntilSettled("cgroup-cpu", cpu).allPassed()).isTrue();
        }
    }

    @Test
    void a_pids_limit_of_200_fails_with_what_pids_max_holds_and_the_labs_hint() throws Exception {
        try (StudentShell shell = student("pids", "jlab-pids", "pids.max", "200", true)) {
            LabResult r = checkUntilSettled("cgroup-pids", shell);
            CheckResult limit = check(r, "limit");
            assertThat(limit.status()).isEqualTo(Status.FAIL);
            assertThat(limit.message().in(Lang.EN)).startsWith("/sys/fs/cgroup/").endsWith("jlab-pids/pids.max is 200, not 20.");
            assertThat(limit.evidence()).singleElement().satisfies(e -> {
                assertThat(e.observed()).isEqualTo("200");
                assertThat(e.expected()).isEqualTo("20");
            });
            assertThat(limit.hints()).extracting(h -> h.in(Lang.EN)).singleElement().asString()
                    .contains("`echo 20 > /sys/fs/cgroup/jlab-pids/pids.max`");
            assertThat(check(r, "process").status()).as("the process part is right").isEqualTo(Status.PASS);
            assertThat(r.score()).isEqualTo(2);
        }
    }

    @Test
    void a_cpu_quota_of_5000_fails_with_the_ratio_it_gives_and_the_labs_hint() throws Exception {
        try (StudentShell shell = student("cpu", "jlab-cpu", "cpu.max", "5000 100000", true)) {
            LabResult r = checkUntilSettled("cgroup-cpu", shell);
            CheckResult limit = check(r, "limit");
            assertThat(limit.status()).isEqualTo(Status.FAIL);
            assertThat(limit.message().in(Lang.EN)).startsWith("/sys/fs/cgroup/")
                    .endsWith(" is 5000 100000: 5000 µs of CPU per 100000 µs, not 50000 per 100000.");
            assertThat(limit.evidence()).singleElement().satisfies(e -> assertThat(e.observed()).isEqualTo("5000 100000"));
            assertThat(limit.hints()).extracting(h -> h.in(Lang.EN)).singleElement().asString()
                    .contains("`echo \"50000 100000\" > /sys/fs/cgroup/jlab-cpu/cpu.max`").contains("`echo 50000 > cpu.cfs_quota_us`");
            assertThat(check(r, "process").status()).isEqualTo(Status.PASS);
            assertThat(r.score()).isEqualTo(2);
        }
    }
}
