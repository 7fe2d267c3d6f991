package jlab.labs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.kernel.cgroup.CgroupDriver;
import jlab.labs.check.Status;
import jlab.labs.model.Lang;
import jlab.labs.run.CheckResult;
import jlab.labs.run.LabResult;

/**
 * The container lab on the real kernel, built by a shell script with nothing
 * but Linux tools: a cgroup by mkdir and echo, five namespaces by unshare, a
 * veth by ip into the container's namespace, pivot_root. Every address used is
 * the lab's own, inside the namespace this test makes.
 */
@Tag("kernel")
class ContainerLabTest {
    @TempDir Path stateDir;
    private LabOnHost lab;

    @AfterEach
    void reset() {
        if (lab == null) return;
        lab.reset();
        assertThat(CgroupDriver.detect().open("jlab-box")).isEmpty();
        assertThat(Path.of("/sys/class/net/jlab-box0")).as("the veth goes with the namespace").satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(), p -> awaitGone(p));
    }

    private static void awaitGone(Path p) {
        for (int i = 0; i < 200 && Files.exists(p); i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertThat(p).doesNotExist();
    }

    /** The cgroup part, v1 (one directory per tree) or v2. */
    private static String cgroupScript() {
        CgroupDriver cg = CgroupDriver.detect();
        if (cg.version().equals("v2")) {
            String d = cg.roots().get(0) + "/jlab-box";
            return "echo +memory +pids > " + cg.roots().get(0) + "/cgroup.subtree_control; mkdir " + d
                    + " && echo 64M > " + d + "/memory.max && echo 50 > " + d + "/pids.max && echo $$ > " + d + "/cgroup.procs";
        }
        return "mkdir /sys/fs/cgroup/memory/jlab-box /sys/fs/cgroup/pids/jlab-box"
                + " && echo 64M > /sys/fs/cgroup/memory/jlab-box/memory.limit_in_bytes"
                + " && echo 50 > /sys/fs/cgroup/pids/jlab-box/pids.max"
                + " && echo $$ > /sys/fs/cgroup/memory/jlab-box/cgroup.procs && echo $$ > /sys/fs/cgroup/pids/jlab-box/cgroup.procs";
    }

    private static final String INSIDE = "hostname jlab-box; while ! ip link show eth0 >/dev/null 2>&1; do sleep 0.02; done;"
            + " ip addr add 10.203.0.2/24 dev eth0 && ip link set eth0 up && ip link set lo up"
            + " && mount --make-rprivate / && mount --bind /srv/jlab/rootfs /srv/jlab/rootfs && cd /srv/jlab/rootfs"
            + " && mkdir -p oldroot && pivot_root . oldroot"
            + " && exec /bin/busybox sh -c 'umount -l /oldroot; mount -t proc proc /proc; exec sleep 60'";

    private static final String HOST_SIDE = "u=$!; child=;"
            + " while [ -z \"$child\" ]; do child=$(cat /proc/$u/task/$u/children 2>/dev/null); sleep 0.02; done;"
            + " ip link add jlab-box0 type veth peer name eth0 netns $child"
            + " && ip addr add 10.203.0.1/24 dev jlab-box0 && ip link set jlab-box0 up; wait";

    @Test
    void a_container_built_by_hand_passes_every_check() throws Exception {
        lab = new LabOnHost("container", stateDir).start();
        String script = cgroupScript() + " && { unshare --mount --uts --ipc --net --pid --fork sh -c \"" + INSIDE.replace("\"", "\\\"")
                + "\" & " + HOST_SIDE + "; }";
        try (StudentShell sh = StudentShell.sh(script)) {
            LabResult r = lab.checkUntil(LabResult::allPassed);
            assertThat(r.allPassed()).as(r.toString()).isTrue();
            assertThat(r.score()).isEqualTo(12);
            assertThat(lab.reset()).anyMatch(l -> l.contains("(hostname jlab-box)")).contains("removed cgroup jlab-box");
        }
    }

    @Test
    void half_a_container_gets_the_share_it_has_and_the_list_of_what_it_lacks() throws Exception {
        lab = new LabOnHost("container", stateDir).start();
        try (StudentShell sh = StudentShell.start("unshare", "--uts", "--pid", "--fork", "sh", "-c", "hostname jlab-box; exec sleep 60")) {
            String pidOne = childOf(sh.pid());
            CheckResult c = LabOnHost.of(lab.checkUntil(r -> LabOnHost.of(r, "process").message().in(Lang.EN)
                    .contains("pid " + pidOne + " (sleep)")), "process");
            assumeTrue(c.message().in(Lang.EN).contains("pid " + pidOne + " "),
                    "another container on this host is further along than this half one: the check reports that one");
            assertThat(c.status()).isEqualTo(Status.PARTIAL);
            assertThat(c.message().in(Lang.EN)).contains("does not have yet: own mnt namespace, own ipc namespace, own net namespace")
                    .contains("root /srv/jlab/rootfs").contains("address 10.203.0.2/24 inside");
            assertThat(c.score()).as("4 of 9 properties (uts, pid, PID 1, hostname) of 6 points").isEqualTo(2.67);
        }
    }

    /** The PID 1 that unshare --fork made: its only child. */
    private static String childOf(long pid) throws Exception {
        Path children = Path.of("/proc/" + pid + "/task/" + pid + "/children");
        for (int i = 0; i < 200; i++) {
            String c = Files.exists(children) ? Files.readString(children).strip() : "";
            if (!c.isEmpty()) return c;
            Thread.sleep(10);
        }
        throw new AssertionError("unshare made no child");
    }
}
