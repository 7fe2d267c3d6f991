package jlab.labs;

import static jlab.labs.PlainTools.sh;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.engine.state.StateDir;
import jlab.kernel.syscall.Syscalls;
import jlab.labs.check.Status;
import jlab.labs.model.Lab;
import jlab.labs.model.Lang;
import jlab.labs.run.CheckResult;
import jlab.labs.run.LabResult;

/** The veth lab on the real kernel, solved with ip netns and ip link as a student would, and its near misses. */
@Tag("kernel")
class VethLabTest {
    static final List<String> NAMES = List.of("jlab-net", "jlab-veth", "10.200.0.");
    @TempDir Path stateDir;
    private StateDir state;
    private NetSnapshot before;
    private final Lab lab = Catalogue.builtIn().find("veth").orElseThrow();

    @BeforeEach
    void start() {
        Skip.unless(Syscalls.get().geteuid() == 0, "requires root: network namespaces and links");
        state = new StateDir(stateDir);
        before = NetSnapshot.take(NAMES);
        assertThat(before.empty()).as("the host carries nothing of the lab before the test: " + before).isTrue();
        Labs.start(lab, state);
    }

    @AfterEach
    void reset() {
        if (state == null) return;
        Labs.reset(lab, state);
        NetSnapshot after = NetSnapshot.take(NAMES);
        assertThat(after).as("lab reset leaves nothing").isEqualTo(before);
    }

    static CheckResult check(LabResult r, String id) {
        return r.checks().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void ip_netns_and_a_veth_pair_with_addresses_pass_and_reset_deletes_them() throws Exception {
        sh("ip netns add jlab-net\n"
                + "ip link add jlab-veth0 type veth peer name jlab-veth1\n"
                + "ip link set jlab-veth1 netns jlab-net\n"
                + "ip addr add 10.200.0.1/24 dev jlab-veth0\n"
                + "ip link set jlab-veth0 up\n"
                + "ip netns exec jlab-net ip addr add 10.200.0.2/24 dev jlab-veth1\n"
                + "ip netns exec jlab-net ip link set jlab-veth1 up");

        // A veth's operstate turns UP a moment after `ip link set up` (the kernel's linkwatch).
        LabResult r = Labs.check(lab, state);
        for (int i = 0; i < 20 && !r.allPassed(); i++) {
            Thread.sleep(100);
            r = Labs.check(lab, state);
        }

        assertThat(r.allPassed()).as(r.toString()).isTrue();
        assertThat(r.score()).isEqualTo(10);
        assertThat(check(r, "netns").evidence().get(0).observed()).startsWith("nsfs on /run/netns/jlab-net (net:[");
        assertThat(check(r, "pair").message().in(Lang.EN)).isEqualTo("jlab-veth0 (host) and jlab-veth1 (jlab-net) are the two ends of one veth.");
        assertThat(check(r, "inside").evidence().get(0).where()).contains("/run/netns/jlab-net");
        assertThat(check(r, "reach").evidence().get(0).observed()).startsWith("1 reply: ").contains("from 10.200.0.2");

        List<String> done = Labs.reset(lab, state);
        assertThat(done).contains("unmounted /run/netns/jlab-net", "removed /run/netns/jlab-net");
        assertThat(check(Labs.check(lab, state), "netns").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void a_plain_file_in_run_netns_is_no_namespace() {
        sh("mkdir -p /run/netns; touch /run/netns/jlab-net");

        CheckResult netns = check(Labs.check(lab, state), "netns");

        assertThat(netns.status()).isEqualTo(Status.FAIL);
        assertThat(netns.message().in(Lang.EN)).isEqualTo("/run/netns/jlab-net exists, but it is only a file: no network namespace is mounted on it.");
        assertThat(netns.hints().get(0).in(Lang.EN)).startsWith("Remove the file (`rm /run/netns/jlab-net`)");
    }

    @Test
    void near_misses_fail_with_the_hint_that_fits_them() {
        sh("ip netns add jlab-net");
        LabResult r = Labs.check(lab, state);
        assertThat(check(r, "netns").status()).isEqualTo(Status.PASS);
        assertThat(check(r, "pair").message().in(Lang.EN)).isEqualTo("There is no link jlab-veth0 on the host.");
        assertThat(check(r, "host-side").status()).as("requires pair").isEqualTo(Status.SKIPPED);

        sh("ip link add jlab-veth0 type veth peer name jlab-veth1");
        CheckResult pair = check(Labs.check(lab, state), "pair");
        assertThat(pair.status()).isEqualTo(Status.FAIL);
        assertThat(pair.message().in(Lang.EN)).isEqualTo("The veth exists but its peer (jlab-veth1) is still in the host's namespace.");
        assertThat(pair.hints().get(0).in(Lang.EN)).startsWith("`ip link set jlab-veth1 netns jlab-net`");

        sh("ip link set jlab-veth1 netns jlab-net\n"
                + "ip addr add 10.200.0.1/24 dev jlab-veth0\n"
                + "ip link set jlab-veth0 up");
        r = Labs.check(lab, state);
        assertThat(check(r, "pair").status()).isEqualTo(Status.PASS);
        CheckResult inside = check(r, "inside");
        assertThat(inside.message().in(Lang.EN)).isEqualTo("No address 10.200.0.2/24 in jlab-net: jlab-veth1 has no address.");
        CheckResult hostSide = check(r, "host-side");
        assertThat(hostSide.status()).isEqualTo(Status.PARTIAL);
        // DOWN at first, LOWERLAYERDOWN once the kernel's linkwatch has looked at the peer
        assertThat(hostSide.message().in(Lang.EN)).matches("jlab-veth0 has 10\\.200\\.0\\.1/24 and is set up, but its state is (DOWN|LOWERLAYERDOWN): the other end of the cable is down\\.");
        assertThat(check(r, "reach").status()).isEqualTo(Status.SKIPPED);

        sh("ip netns exec jlab-net ip addr add 10.200.0.2/24 dev jlab-veth1");
        inside = check(Labs.check(lab, state), "inside");
        assertThat(inside.status()).isEqualTo(Status.PARTIAL);
        assertThat(inside.message().in(Lang.EN)).isEqualTo("jlab-veth1 has 10.200.0.2/24, but jlab-veth1 is down.");
        assertThat(inside.hints().get(0).in(Lang.EN)).isEqualTo("`ip netns exec jlab-net ip link set jlab-veth1 up`.");
    }

    @Test
    void a_wrong_prefix_is_named_and_a_ping_without_an_answer_fails() throws Exception {
        sh("ip netns add jlab-net\n"
                + "ip link add jlab-veth0 type veth peer name jlab-veth1\n"
                + "ip link set jlab-veth1 netns jlab-net\n"
                + "ip addr add 10.200.0.1/24 dev jlab-veth0\n"
                + "ip link set jlab-veth0 up\n"
                + "ip netns exec jlab-net ip addr add 10.200.0.2/32 dev jlab-veth1\n"
                + "ip netns exec jlab-net ip link set jlab-veth1 up");
        CheckResult inside = check(Labs.check(lab, state), "inside");
        assertThat(inside.status()).isEqualTo(Status.FAIL);
        assertThat(inside.message().in(Lang.EN)).isEqualTo("No address 10.200.0.2/24 in jlab-net: jlab-veth1 has 10.200.0.2/32.");

        // Every reading right, but the namespace sends its answers to 10.200.0.1 into a blackhole route:
        // only the ping can tell.
        sh("ip netns exec jlab-net ip addr del 10.200.0.2/32 dev jlab-veth1\n"
                + "ip netns exec jlab-net ip addr add 10.200.0.2/24 dev jlab-veth1\n"
                + "ip netns exec jlab-net ip route add blackhole 10.200.0.1/32");
        LabResult r = Labs.check(lab, state);
        for (int i = 0; i < 20 && check(r, "host-side").status() != Status.PASS; i++) {
            Thread.sleep(100);
            r = Labs.check(lab, state);
        }
        assertThat(check(r, "inside").status()).isEqualTo(Status.PASS);
        CheckResult reach = check(r, "reach");
        assertThat(reach.status()).isEqualTo(Status.FAIL);
        assertThat(reach.message().in(Lang.EN)).isEqualTo("10.200.0.2 does not answer a ping from the host.");
        assertThat(reach.evidence().get(0).where()).isEqualTo("ping -c 1 -W 0.2 10.200.0.2");
        assertThat(r.score()).isEqualTo(7);
        assertThat(java.time.Duration.between(r.startedAt(), r.finishedAt()))
                .as("a ping that gets no answer waits 0.2 s, not a second: the whole lab check stays well under 1 s")
                .isLessThan(java.time.Duration.ofMillis(800));
    }
}
