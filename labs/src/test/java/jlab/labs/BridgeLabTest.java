package jlab.labs;

import static jlab.labs.PlainTools.sh;
import static jlab.labs.VethLabTest.check;
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

/** The bridge lab on the real kernel: a bridge, two namespaces plugged in by veths, solved with ip. */
@Tag("kernel")
class BridgeLabTest {
    static final List<String> NAMES = List.of("jlab-a", "jlab-b", "jlab-br0", "10.201.0.");
    @TempDir Path stateDir;
    private StateDir state;
    private NetSnapshot before;
    private final Lab lab = Catalogue.builtIn().find("bridge").orElseThrow();

    @BeforeEach
    void start() {
        Skip.unless(Syscalls.get().geteuid() == 0, "requires root: network namespaces, links and bridges");
        state = new StateDir(stateDir);
        before = NetSnapshot.take(NAMES);
        assertThat(before.empty()).as("the host carries nothing of the lab before the test: " + before).isTrue();
        Labs.start(lab, state);
    }

    @AfterEach
    void reset() {
        if (state == null) return;
        Labs.reset(lab, state);
        assertThat(NetSnapshot.take(NAMES)).as("lab reset leaves nothing").isEqualTo(before);
    }

    private static final String BRIDGE = "ip link add jlab-br0 type bridge\n"
            + "ip addr add 10.201.0.1/24 dev jlab-br0\n"
            + "ip link set jlab-br0 up\n";

    /** One namespace plugged into the bridge, as the instructions do it. */
    private static String plug(String x, String address, boolean route) {
        return "ip netns add jlab-" + x + "\n"
                + "ip link add jlab-" + x + "0 type veth peer name jlab-" + x + "1\n"
                + "ip link set jlab-" + x + "1 netns jlab-" + x + "\n"
                + "ip link set jlab-" + x + "0 master jlab-br0 up\n"
                + "ip netns exec jlab-" + x + " ip addr add " + address + " dev jlab-" + x + "1\n"
                + "ip netns exec jlab-" + x + " ip link set jlab-" + x + "1 up\n"
                + (route ? "ip netns exec jlab-" + x + " ip route add default via 10.201.0.1\n" : "");
    }

    @Test
    void a_bridge_and_two_plugged_namespaces_pass_and_reset_deletes_them() throws Exception {
        sh(BRIDGE + plug("a", "10.201.0.2/24", true) + plug("b", "10.201.0.3/24", true));

        // A new bridge port goes through the STP states before forwarding (none here: STP is off, so at once);
        // the first ping also waits for ARP. Poll a little for the ping only.
        LabResult r = Labs.check(lab, state);
        for (int i = 0; i < 20 && !r.allPassed(); i++) {
            Thread.sleep(100);
            r = Labs.check(lab, state);
        }

        assertThat(r.allPassed()).as(r.toString()).isTrue();
        assertThat(r.score()).isEqualTo(13);
        assertThat(check(r, "bridge").evidence().get(1)).satisfies(e -> {
            assertThat(e.where()).isEqualTo("/sys/class/net/jlab-br0/brif");
            assertThat(e.observed()).isEqualTo("jlab-a0 jlab-b0");
        });
        assertThat(check(r, "a-plugged").message().in(Lang.EN)).isEqualTo("jlab-a is plugged into jlab-br0: jlab-a1 ↔ jlab-a0, a port of the bridge.");
        assertThat(check(r, "a-to-b").evidence().get(0).where()).isEqualTo("nsenter --net=/run/netns/jlab-a ping -c 1 -W 0.2 10.201.0.3");

        assertThat(Labs.reset(lab, state)).contains("deleted link jlab-a0", "deleted link jlab-b0", "deleted link jlab-br0", "removed /run/netns/jlab-a", "removed /run/netns/jlab-b");
    }

    @Test
    void a_bridge_with_one_port_and_a_namespace_without_route_or_plug_fail_with_what_is_missing() {
        sh(BRIDGE + plug("a", "10.201.0.2/24", true)
                + "ip netns add jlab-b\n"
                + "ip link add jlab-b0 type veth peer name jlab-b1\n"
                + "ip link set jlab-b1 netns jlab-b\n"
                + "ip link set jlab-b0 up\n"
                + "ip netns exec jlab-b ip addr add 10.201.0.3/24 dev jlab-b1\n"
                + "ip netns exec jlab-b ip link set jlab-b1 up\n");

        LabResult r = Labs.check(lab, state);

        CheckResult bridge = check(r, "bridge");
        assertThat(bridge.status()).isEqualTo(Status.PARTIAL);
        assertThat(bridge.message().in(Lang.EN)).isEqualTo("Bridge jlab-br0 exists, but it has only one port (jlab-a0).");
        CheckResult bPlugged = check(r, "b-plugged");
        assertThat(bPlugged.status()).isEqualTo(Status.FAIL);
        assertThat(bPlugged.message().in(Lang.EN)).isEqualTo("The host end of jlab-b's veth (jlab-b0) is not plugged into jlab-br0.");
        assertThat(bPlugged.hints().get(0).in(Lang.EN)).isEqualTo("`ip link set jlab-b0 master jlab-br0`.");
        CheckResult bRoute = check(r, "b-route");
        assertThat(bRoute.message().in(Lang.EN)).isEqualTo("No default route in jlab-b.");
        assertThat(bRoute.hints().get(0).in(Lang.EN)).startsWith("`ip netns exec jlab-b ip route add default via 10.201.0.1`");
        assertThat(check(r, "a-route").status()).isEqualTo(Status.PASS);
        assertThat(check(r, "a-to-b").status()).as("requires b-plugged").isEqualTo(Status.SKIPPED);
    }

    @Test
    void a_missing_namespace_is_said_and_its_checks_are_skipped() {
        sh(BRIDGE + plug("a", "10.201.0.2/24", true));

        LabResult r = Labs.check(lab, state);

        assertThat(check(r, "netns-b").message().in(Lang.EN)).isEqualTo("There is no network namespace jlab-b (nothing is mounted on /run/netns/jlab-b).");
        assertThat(check(r, "b-address").status()).isEqualTo(Status.SKIPPED);
        assertThat(check(r, "a-address").status()).isEqualTo(Status.PASS);
    }
}
