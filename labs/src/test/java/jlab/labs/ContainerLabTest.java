package jlab.labs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.kernel.cgroup.CgroupDriver;
import jlab.kernel.syscall.Syscalls;
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
    /** What carries the lab's names on the host: its hostname's and cgroup's name, its addresses. */
    static final List<String> NAMES = List.of("jlab-box", "10.203.0.");
    @TempDir Path stateDir;
    private LabOnHost lab;
    private HostState before;

    /** The host as the lab could leave it: links, addresses, namespaces and rules with its names, its cgroup, mounts of /srv/jlab. */
    record HostState(NetSnapshot net, boolean cgroup, List<String> mounts) {
        static HostState take() throws IOException {
            return new HostState(NetSnapshot.take(NAMES), CgroupDriver.detect().open("jlab-box").isPresent(),
                    Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().filter(l -> l.contains("/srv/jlab")).toList());
        }
    }

    @BeforeEach
    void snapshot() throws IOException {
        assumeTrue(Syscalls.get().geteuid() == 0, "requires root: cgroups, namespaces, links");
        before = HostState.take();
        assertThat(before.net().empty() && !before.cgroup()).as("the host carries nothing of the lab before the test: " + before).isTrue();
    }

    @AfterEach
    void reset() throws Exception {
        if (lab == null) return;
        lab.reset();
        // A veth goes with its network namespace, which the kernel destroys a moment after its last process.
        HostState after = HostState.take();
        for (int i = 0; i < 200 && !after.equals(before); i++) {
            Thread.sleep(10);
            after = HostState.take();
        }
        assertThat(after).as("lab reset leaves the host as it was").isEqualTo(before);
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
    void reset_finds_a_container_by_its_addresses_whatever_its_links_and_namespace_are_called() throws Exception {
        lab = new LabOnHost("container", stateDir).start();
        PlainTools.sh("ip netns add jlab-box-net\n"
                + "ip link add boxhost type veth peer name boxpeer\n"
                + "ip link set boxpeer netns jlab-box-net\n"
                + "ip addr add 10.203.0.1/24 dev boxhost\n"
                + "ip link set boxhost up\n"
                + "ip netns exec jlab-box-net ip addr add 10.203.0.2/24 dev boxpeer\n"
                + "ip netns exec jlab-box-net ip link set boxpeer up");
        // A shell of the student's in that namespace, with the host's hostname: kill-hostname does not find it.
        try (StudentShell inside = StudentShell.start("ip", "netns", "exec", "jlab-box-net", "sleep", "60")) {
            Path net = Path.of("/proc/" + inside.pid() + "/ns/net");
            for (int i = 0; i < 200 && Files.readSymbolicLink(net).equals(Files.readSymbolicLink(Path.of("/proc/self/ns/net"))); i++) {
                Thread.sleep(10);
            }
            List<String> done = lab.reset();
            assertThat(done).contains("killed pid " + inside.pid() + " (sleep) (its network namespace holds 10.203.0.2/24)",
                    "unmounted /run/netns/jlab-box-net", "removed /run/netns/jlab-box-net");
            assertThat(inside.exited(5000)).isTrue();
        }
    }

    @Test
    void reset_leaves_a_link_of_another_kind_that_holds_the_host_address() throws Exception {
        lab = new LabOnHost("container", stateDir).start();
        // A bridge holding the host side's address (jlab's own network on that subnet would be one): not the lab's veth.
        PlainTools.sh("ip link add jlab-box-br type bridge\nip addr add 10.203.0.1/24 dev jlab-box-br");
        try {
            assertThat(lab.reset()).contains("left jlab-box-br (bridge): it holds 10.203.0.1/24 but is not a veth");
            assertThat(Path.of("/sys/class/net/jlab-box-br")).exists();
        } finally {
            PlainTools.sh("ip link del jlab-box-br");
        }
    }

    @Test
    void half_a_container_gets_the_share_it_has_and_the_list_of_what_it_lacks() throws Exception {
        lab = new LabOnHost("container", stateDir).start();
        try (StudentShell sh = StudentShell.start("unshare", "--uts", "--pid", "--fork", "sh", "-c", "hostname jlab-box; exec sleep 60")) {
            String pidOne = childOf(sh.pid());
            // Only this student's processes: another container on the host, further along, would be the one reported.
            CheckResult c = LabOnHost.of(lab.checkWithinUntil(sh.pid(), r -> LabOnHost.of(r, "process").message().in(Lang.EN)
                    .contains("pid " + pidOne + " (sleep)")), "process");
            assertThat(c.message().in(Lang.EN)).contains("pid " + pidOne + " (sleep)");
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
