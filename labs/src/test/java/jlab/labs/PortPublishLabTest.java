package jlab.labs;

import static jlab.labs.PlainTools.sh;
import static jlab.labs.VethLabTest.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
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

/**
 * The port-publish lab on the real kernel: busybox httpd in a namespace, a
 * DNAT from 127.0.0.1:18080 with route_localnet on the host end only (the
 * setting goes with the link), with iptables and with nft.
 */
@Tag("kernel")
class PortPublishLabTest {
    static final List<String> NAMES = List.of("jlab-web", "10.202.0.", "18080", "jlabweb");
    private static final Path ALL_LOCALNET = Path.of("/proc/sys/net/ipv4/conf/all/route_localnet");
    @TempDir Path stateDir;
    private StateDir state;
    private NetSnapshot before;
    private String allLocalnet;
    private final Lab lab = Catalogue.builtIn().find("port-publish").orElseThrow();

    @BeforeEach
    void start() throws Exception {
        Skip.unless(Syscalls.get().geteuid() == 0, "requires root: namespaces, links, netfilter rules");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/busybox")), "busybox httpd serves the file");
        allLocalnet = Files.readString(ALL_LOCALNET);
        state = new StateDir(stateDir);
        before = NetSnapshot.take(NAMES);
        assertThat(before.empty()).as("the host carries nothing of the lab before the test: " + before).isTrue();
        assertThat(Path.of("/srv/jlab/web")).as("a lab start of someone else's").doesNotExist();
        assertThat(Labs.start(lab, state)).containsExactly("noted net.ipv4.conf.all.route_localnet = " + allLocalnet.strip(),
                "wrote /srv/jlab/web/index.html");
    }

    @AfterEach
    void reset() throws Exception {
        if (state == null) return;
        try {
            Labs.reset(lab, state);
            assertThat(NetSnapshot.take(NAMES)).as("lab reset leaves nothing").isEqualTo(before);
            assertThat(Path.of("/srv/jlab/web")).doesNotExist();
            assertThat(Files.readString(ALL_LOCALNET)).as("conf.all.route_localnet as it was").isEqualTo(allLocalnet);
        } finally {
            if (!Files.readString(ALL_LOCALNET).equals(allLocalnet)) Files.writeString(ALL_LOCALNET, allLocalnet); // never leave the host changed
        }
    }

    private static final String NAMESPACE = "ip netns add jlab-web\n"
            + "ip link add jlab-web0 type veth peer name jlab-web1\n"
            + "ip link set jlab-web1 netns jlab-web\n"
            + "ip addr add 10.202.0.1/24 dev jlab-web0\n"
            + "ip link set jlab-web0 up\n"
            + "ip netns exec jlab-web ip addr add 10.202.0.2/24 dev jlab-web1\n"
            + "ip netns exec jlab-web ip link set jlab-web1 up\n"
            + "ip netns exec jlab-web ip link set lo up\n";
    private static final String HTTPD = "ip netns exec jlab-web busybox httpd -p 80 -h /srv/jlab/web\n";
    private static final String DNAT = "iptables -w -t nat -A OUTPUT -d 127.0.0.1 -p tcp --dport 18080 -j DNAT --to-destination 10.202.0.2:80\n"
            + "iptables -w -t nat -A POSTROUTING -s 127.0.0.1 -d 10.202.0.2 -j MASQUERADE\n";
    private static final String LOCALNET = "sysctl -qw net.ipv4.conf.jlab-web0.route_localnet=1\n";

    /**
     * busybox httpd forks into the background, and a veth's operstate turns UP
     * a moment after `ip link set up` (the kernel's linkwatch): poll until those checks pass.
     */
    private LabResult checkUntil(String... ids) throws InterruptedException {
        LabResult r = Labs.check(lab, state);
        for (int i = 0; i < 30 && !passed(r, ids); i++) {
            Thread.sleep(100);
            r = Labs.check(lab, state);
        }
        return r;
    }

    private static boolean passed(LabResult r, String... ids) {
        for (String id : ids) {
            if (check(r, id).status() != Status.PASS) return false;
        }
        return true;
    }

    @Test
    void httpd_in_the_namespace_and_an_iptables_dnat_pass_and_reset_removes_rules_namespace_and_file() throws Exception {
        sh(NAMESPACE + HTTPD + DNAT + LOCALNET);

        LabResult r = checkUntil("published");

        assertThat(r.allPassed()).as(r.toString()).isTrue();
        assertThat(r.score()).isEqualTo(8);
        assertThat(check(r, "published").evidence().get(0).observed()).startsWith("200, ").contains("jlab port-publish");
        assertThat(check(r, "server").evidence().get(0).where()).isEqualTo("connect(2) to 10.202.0.2:80 from inside /run/netns/jlab-web");

        List<String> done = Labs.reset(lab, state);
        assertThat(done).anyMatch(l -> l.startsWith("deleted iptables -t nat -A OUTPUT") && l.contains("18080"));
        assertThat(done).anyMatch(l -> l.startsWith("deleted iptables -t nat -A POSTROUTING") && l.contains("10.202.0.2"));
        assertThat(done).anyMatch(l -> l.startsWith("killed pid ") && l.contains("(busybox)") && l.endsWith("(in network namespace jlab-web)"));
        assertThat(done).contains("removed /srv/jlab/web");
    }

    @Test
    void an_nft_table_of_its_own_passes_and_reset_deletes_the_table() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/nft")), "nft");
        sh(NAMESPACE + HTTPD + LOCALNET
                + "nft add table ip jlabweb\n"
                + "nft add chain ip jlabweb out '{ type nat hook output priority -100; }'\n"
                + "nft add rule ip jlabweb out ip daddr 127.0.0.1 tcp dport 18080 dnat to 10.202.0.2:80\n"
                + "nft add chain ip jlabweb post '{ type nat hook postrouting priority 100; }'\n"
                + "nft add rule ip jlabweb post ip saddr 127.0.0.1 ip daddr 10.202.0.2 masquerade\n");

        LabResult r = checkUntil("published");

        assertThat(r.allPassed()).as(r.toString()).isTrue();
        assertThat(Labs.reset(lab, state)).contains("deleted nft table ip jlabweb");
    }

    @Test
    void near_misses_say_what_is_missing_server_dnat_route_localnet() throws Exception {
        sh(NAMESPACE);
        LabResult r = checkUntil("inside", "host-side");
        assertThat(check(r, "inside").status()).isEqualTo(Status.PASS);
        assertThat(check(r, "host-side").status()).isEqualTo(Status.PASS);
        CheckResult server = check(r, "server");
        assertThat(server.status()).isEqualTo(Status.FAIL);
        assertThat(server.message().in(Lang.EN)).isEqualTo("Nothing listens on 10.202.0.2:80 in jlab-web.");
        assertThat(server.evidence().get(0).observed()).startsWith("ConnectException");
        assertThat(check(r, "published").status()).isEqualTo(Status.SKIPPED);

        sh(HTTPD);
        r = checkUntil("server");
        CheckResult published = check(r, "published");
        assertThat(published.status()).isEqualTo(Status.FAIL);
        assertThat(published.message().in(Lang.EN)).isEqualTo("Nothing answers on 127.0.0.1:18080.");
        assertThat(published.hints().get(0).in(Lang.EN)).startsWith("No DNAT rule for 127.0.0.1:18080: `iptables -t nat -A OUTPUT");

        sh(DNAT);
        r = Labs.check(lab, state);
        published = check(r, "published");
        assertThat(published.status()).isEqualTo(Status.FAIL);
        assertThat(java.time.Duration.between(r.startedAt(), r.finishedAt()))
                .as("the SYN is dropped as a martian: the GET gives up connecting after 0.2 s, and the whole lab check stays well under 1 s")
                .isLessThan(java.time.Duration.ofMillis(800));
        assertThat(published.hints().get(0).in(Lang.EN)).startsWith("The DNAT rule exists, but route_localnet is 0 on the host side");
        assertThat(published.evidence()).anySatisfy(e -> assertThat(e.observed()).contains("DNAT").contains("10.202.0.2:80"));

        sh(LOCALNET);
        assertThat(check(Labs.check(lab, state), "published").status()).isEqualTo(Status.PASS);
    }

    @Test
    void a_server_that_serves_another_directory_gets_half_the_points_and_the_404_said() throws Exception {
        sh(NAMESPACE + DNAT + LOCALNET
                + "mkdir /srv/jlab/web/other\n"
                + "ip netns exec jlab-web busybox httpd -p 80 -h /srv/jlab/web/other\n");

        CheckResult published = check(checkUntil("server", "inside", "host-side"), "published");

        assertThat(published.status()).isEqualTo(Status.PARTIAL);
        assertThat(published.score()).isEqualTo(1.5);
        assertThat(published.message().in(Lang.EN)).isEqualTo("http://127.0.0.1:18080/index.html answers 404, not 200.");
    }

    @Test
    void route_localnet_on_all_instead_of_the_link_passes_and_reset_sets_it_back() throws Exception {
        assumeTrue(allLocalnet.strip().equals("0"), "conf.all.route_localnet is already 1 on this host");
        sh(NAMESPACE + HTTPD + DNAT + "sysctl -qw net.ipv4.conf.all.route_localnet=1\n");

        assertThat(checkUntil("published").allPassed()).isTrue();

        assertThat(Labs.reset(lab, state)).contains("set net.ipv4.conf.all.route_localnet back to 0 (was 1)");
    }
}
