package jlab.kernel.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import jlab.kernel.KernelException;
import jlab.kernel.Skip;
import jlab.kernel.syscall.Syscalls;

/**
 * rtnetlink on the real kernel, with iproute2 as the oracle.
 *
 * <p>Safety: every test works in network namespaces it made ({@link TestNetns}),
 * both ends of every veth included, and talks only between them; the host's
 * link list is the same after each test as before.
 */
@Tag("kernel")
class RtNetlinkKernelTest {
    private final TestNetns netns = new TestNetns();
    private List<String> hostLinksBefore;

    @BeforeEach
    void requireRootAndRecordTheHost() {
        Skip.unless(Syscalls.get().geteuid() == 0,
                "requires root: creating links and namespaces needs CAP_NET_ADMIN and CAP_SYS_ADMIN");
        hostLinksBefore = TestNetns.hostLinkNames();
    }

    @AfterEach
    void removeEverythingAndCheckTheHost() {
        netns.close();
        if (hostLinksBefore != null) assertThat(TestNetns.hostLinkNames()).isEqualTo(hostLinksBefore);
    }

    @Test
    void a_veth_pair_appears_with_both_names_and_one_delete_removes_both() {
        String a = netns.add("a");
        try (RtNetlink rt = RtNetlink.openIn(TestNetns.file(a))) {
            NetOp op = rt.createVeth("jlv0", "jlv1");

            assertThat(op.ipCommand()).isEqualTo("ip link add jlv0 type veth peer name jlv1");
            assertThat(TestNetns.linkNames(TestNetns.ip(a, "-o", "link"))).contains("jlv0", "jlv1");
            assertThat(rt.links()).filteredOn(l -> l.name().startsWith("jlv"))
                    .extracting(Link::name, Link::kind).containsExactlyInAnyOrder(
                            tuple("jlv0", "veth"),
                            tuple("jlv1", "veth"));
            assertThat(TestNetns.hostLinkNames()).doesNotContain("jlv0", "jlv1");

            rt.deleteLink("jlv1");

            assertThat(TestNetns.linkNames(TestNetns.ip(a, "-o", "link"))).containsExactly("lo");
        }
    }

    @Test
    void a_peer_created_straight_into_a_namespace_by_fd_is_there_and_not_here() {
        String a = netns.add("a");
        String b = netns.add("b");
        try (RtNetlink rt = RtNetlink.openIn(TestNetns.file(a))) {
            rt.createVethWithPeerIn("jla0", "jlb0", TestNetns.file(b));

            assertThat(TestNetns.linkNames(TestNetns.ip(a, "-o", "link"))).containsExactly("jla0", "lo");
            assertThat(TestNetns.linkNames(TestNetns.ip(b, "-o", "link"))).containsExactly("jlb0", "lo");
        }
    }

    @Test
    void a_peer_created_straight_into_the_namespace_of_a_pid_is_there_and_not_here() throws Exception {
        String a = netns.add("a");
        String b = netns.add("b");
        // ip netns exec joins the namespace and execs sleep: the process's pid names namespace b.
        Process inB = new ProcessBuilder("ip", "netns", "exec", b, "sleep", "30").start();
        try (RtNetlink rt = RtNetlink.openIn(TestNetns.file(a))) {
            waitUntilInNamespace(inB.pid(), TestNetns.file(b));

            rt.createVethWithPeerIn("jla0", "jlb0", inB.pid());

            assertThat(TestNetns.linkNames(TestNetns.ip(a, "-o", "link"))).containsExactly("jla0", "lo");
            assertThat(TestNetns.linkNames(TestNetns.ip(b, "-o", "link"))).containsExactly("jlb0", "lo");
        } finally {
            inB.destroyForcibly();
            inB.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_link_moved_by_fd_leaves_one_namespace_for_the_other() {
        String a = netns.add("a");
        String b = netns.add("b");
        try (RtNetlink rt = RtNetlink.openIn(TestNetns.file(a))) {
            rt.createVeth("jla0", "jlb0");

            NetOp op = rt.moveToNamespace("jlb0", TestNetns.file(b));

            assertThat(op.ipCommand()).isEqualTo("ip link set jlb0 netns " + TestNetns.file(b));
            assertThat(TestNetns.linkNames(TestNetns.ip(a, "-o", "link"))).containsExactly("jla0", "lo");
            assertThat(TestNetns.linkNames(TestNetns.ip(b, "-o", "link"))).containsExactly("jlb0", "lo");
        }
    }

    @Test
    void a_bridge_with_a_veth_enslaved_shows_it_as_master() {
        String a = netns.add("a");
        try (RtNetlink rt = RtNetlink.openIn(TestNetns.file(a))) {
            rt.createBridge("jlbr0");
            rt.createVeth("jlv0", "jlv1");

            rt.setMaster("jlv0", "jlbr0");

            assertThat(TestNetns.ip(a, "-o", "link", "show", "jlv0")).contains("master jlbr0");
            int bridge = rt.index("jlbr0");
            assertThat(rt.links()).filteredOn(l -> l.name().equals("jlbr0")).extracting(Link::kind).containsExactly("bridge");
            assertThat(rt.links()).filteredOn(l -> l.name().equals("jlv0")).extracting(Link::master).containsExactly(bridge);
        }
    }

    @Test
    void set_up_and_set_down_change_the_up_flag() {
        String a = netns.add("a");
        try (RtNetlink rt = RtNetlink.openIn(TestNetns.file(a))) {
            rt.createVeth("jlv0", "jlv1");

            rt.setUp("jlv0");
            assertThat(TestNetns.ip(a, "-o", "link", "show", "jlv0")).containsPattern("<[^>]*\\bUP\\b");
            assertThat(rt.links()).filteredOn(l -> l.name().equals("jlv0")).extracting(Link::up).containsExactly(true);

            rt.setDown("jlv0");
            assertThat(TestNetns.ip(a, "-o", "link", "show", "jlv0")).doesNotContainPattern("<[^>]*\\bUP\\b");
        }
    }

    @Test
    void an_address_and_a_default_route_appear_in_the_namespace_as_ip_shows_them() {
        String a = netns.add("a");
        String b = netns.add("b");
        try (RtNetlink rt = RtNetlink.openIn(TestNetns.file(a))) {
            rt.createVethWithPeerIn("jla0", "jlb0", TestNetns.file(b));
            rt.addAddress("jla0", "10.231.0.1/24");
            rt.setUp("jla0");

            rt.addDefaultRoute("10.231.0.2");

            assertThat(TestNetns.ip(a, "-o", "-4", "addr", "show", "jla0")).contains("inet 10.231.0.1/24");
            // ip route hides "proto boot" (its default); -d (details) shows the type, protocol and scope we sent.
            assertThat(TestNetns.ip(a, "-d", "route", "show", "default"))
                    .contains("unicast default via 10.231.0.2 dev jla0 proto boot scope global");
            // and the address brought its subnet's route with it, made by the kernel
            assertThat(TestNetns.ip(a, "route")).contains("10.231.0.0/24 dev jla0 proto kernel scope link src 10.231.0.1");
            assertThat(TestNetns.ip(a, "-o", "-4", "addr", "show", "jla0")).doesNotContain("brd");
        }
    }

    @Test
    void two_namespaces_joined_by_a_veth_pair_ping_each_other() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ping")) || Files.isExecutable(Path.of("/bin/ping")),
                "requires ping (apt-get install iputils-ping)");
        String a = netns.add("a");
        String b = netns.add("b");
        try (RtNetlink inA = RtNetlink.openIn(TestNetns.file(a));
             RtNetlink inB = RtNetlink.openIn(TestNetns.file(b))) {
            inA.createVethWithPeerIn("jla0", "jlb0", TestNetns.file(b));
            inA.addAddress("jla0", "10.231.0.1/24");
            inB.addAddress("jlb0", "10.231.0.2/24");
            inA.setUp("jla0");
            inB.setUp("jlb0");

            String out = TestNetns.run("ip", "netns", "exec", a, "ping", "-c1", "-W2", "10.231.0.2");

            assertThat(out).contains("1 received");
        }
    }

    @Test
    void a_duplicate_name_fails_with_EEXIST_and_says_so() {
        String a = netns.add("a");
        try (RtNetlink rt = RtNetlink.openIn(TestNetns.file(a))) {
            rt.createVeth("jlv0", "jlv1");

            KernelException e = catchThrowableOfType(() -> rt.createVeth("jlv0", "jlv2"), KernelException.class);

            assertThat(e.errnoName()).isEqualTo("EEXIST");
            assertThat(e.operation()).isEqualTo("RTM_NEWLINK");
            assertThat(e.arguments()).isEqualTo("ip link add jlv0 type veth peer name jlv2");
            assertThat(e.hint()).contains("a link with that name already exists");
        }
    }

    @Test
    void deleting_a_missing_link_fails_with_ENODEV() {
        String a = netns.add("a");
        try (RtNetlink rt = RtNetlink.openIn(TestNetns.file(a))) {
            KernelException e = catchThrowableOfType(() -> rt.deleteLink("jlnothere"), KernelException.class);

            assertThat(e.errnoName()).isEqualTo("ENODEV");
            assertThat(e.getMessage()).startsWith("RTM_DELLINK(ip link delete jlnothere): ENODEV").contains("no link has that name");
        }
    }

    @Test
    void a_name_longer_than_15_characters_fails_with_ERANGE_and_the_kernels_own_words() {
        String a = netns.add("a");
        try (RtNetlink rt = RtNetlink.openIn(TestNetns.file(a))) {
            KernelException e = catchThrowableOfType(() -> rt.createBridge("jl-sixteen-chars"), KernelException.class);

            // The attribute policy of IFLA_IFNAME (a string of at most IFNAMSIZ-1 bytes) refuses it:
            // ERANGE, and with extended acks the kernel's own sentence.
            assertThat(e.errnoName()).isEqualTo("ERANGE");
            assertThat(e.hint()).contains("at most 15 characters").contains("the kernel says: ");
        }
    }

    @Test
    void a_link_moved_by_pid_goes_to_that_process_namespace() throws Exception {
        String a = netns.add("a");
        String b = netns.add("b");
        Process inB = new ProcessBuilder("ip", "netns", "exec", b, "sleep", "30").start();
        try (RtNetlink rt = RtNetlink.openIn(TestNetns.file(a))) {
            waitUntilInNamespace(inB.pid(), TestNetns.file(b));
            rt.createVeth("jla0", "jlb0");

            rt.moveToNamespace("jlb0", inB.pid());

            assertThat(TestNetns.linkNames(TestNetns.ip(a, "-o", "link"))).containsExactly("jla0", "lo");
            assertThat(TestNetns.linkNames(TestNetns.ip(b, "-o", "link"))).containsExactly("jlb0", "lo");
        } finally {
            inB.destroyForcibly();
            inB.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void opening_in_another_namespace_leaves_the_calling_thread_where_it_was() throws Exception {
        Path self = Path.of("/proc/thread-self/ns/net");
        String before = Files.readSymbolicLink(self).toString();
        String a = netns.add("a");

        try (RtNetlink rt = RtNetlink.openIn(TestNetns.file(a))) {
            assertThat(rt.links()).extracting(Link::name).containsExactly("lo");
        }

        assertThat(Files.readSymbolicLink(self).toString()).isEqualTo(before);
    }

    /** ip netns exec joins the namespace before it execs: wait until the process is there. */
    private static void waitUntilInNamespace(long pid, Path netnsFile) throws Exception {
        Object wanted = Files.getAttribute(netnsFile, "unix:ino");
        Path ns = Path.of("/proc/" + pid + "/ns/net");
        for (int i = 0; i < 500; i++) {
            if (Files.exists(ns) && wanted.equals(Files.getAttribute(ns, "unix:ino"))
                    && Files.readString(Path.of("/proc/" + pid + "/comm")).trim().equals("sleep")) return;
            Thread.sleep(10);
        }
        throw new AssertionError("process " + pid + " did not reach " + netnsFile);
    }
}
