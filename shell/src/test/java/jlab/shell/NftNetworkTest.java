package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jlab.engine.state.StateDir;

/**
 * The nftables backend on the real kernel (JLAB_NETFILTER=nft, whatever else the
 * host has): published ports and outbound NAT work through jlab's own table
 * {@code table ip jlab}, nothing of it goes to iptables, and every rule a
 * container or a network made leaves with it (or with gc). "The outside" is a
 * namespace of this test's own (10.214.19.0/24); the network 10.213.19.0/24.
 */
class NftNetworkTest extends RealJlabTest {
    static final String NS = "jt-nft-out";
    static final String HOST_END = "jt-nfto-h";
    static final String HOST_ADDRESS = "10.214.19.1";
    static final String OUTSIDE_ADDRESS = "10.214.19.2";

    @BeforeAll
    static void useNftAndMakeTheOutside() throws Exception {
        Skip.unless(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/sbin/nft")),
                "nft is not installed (scripts/setup --test installs it: apt-get install nftables)");
        jlab = new JlabProcess(state, Map.of("JLAB_NETFILTER", "nft"));
        BridgeNetworkTest.makeOutside(NS, HOST_END, "jt-nfto-n", HOST_ADDRESS, OUTSIDE_ADDRESS);
    }

    @AfterAll
    static void removeTheOutside() throws Exception { BridgeNetworkTest.removeOutside(NS, HOST_END); }

    /** jlab's nft table, or nothing once gc removed it (no jlab network left on the host). */
    static String nftTable() throws Exception {
        return BridgeNetworkTest.sh("nft list tables").contains("table ip jlab") ? BridgeNetworkTest.sh("nft list table ip jlab") : "";
    }

    @Test
    void a_published_port_answers_at_127_0_0_1_through_a_dnat_rule_in_jlabs_nft_table_and_leaves_with_the_container()
            throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        int port = BridgeNetworkTest.freePort();
        try (var web = BridgeNetworkTest.Background.start("run", "--rm", "-p", port + ":80", "busybox", "sh", "-c",
                "mkdir /www && echo hello through nft > /www/index.html && { httpd -f -p 80 -h /www & } && "
                        + BridgeNetworkTest.Background.UNTIL_TERM)) {
            web.awaitReady();
            assertThat(BridgeNetworkTest.httpGet("127.0.0.1", port)).isEqualTo("hello through nft\n");
            assertThat(nftTable()).containsPattern("tcp dport " + port + " dnat to 10\\.88\\.\\d+\\.\\d+:80 comment \"jlab:"
                    + new StateDir(state).cgroupParent() + ":container:[0-9a-f]{64}\"");
            assertThat(BridgeNetworkTest.sh("iptables-save -t nat 2>/dev/null || true")).as("nothing went to iptables")
                    .doesNotContain("--dport " + port + " ");
        }
        assertThat(nftTable()).doesNotContain("dport " + port + " ");
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void outbound_traffic_of_a_user_defined_network_leaves_with_the_hosts_address_and_network_rm_removes_its_rules()
            throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        var created = jlab.run("network", "create", "--subnet", "10.213.19.0/24", "jt-nft");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String bridge = "jl-" + created.out().strip().substring(0, 12);
        try (ServerSocket outside = BridgeNetworkTest.listenIn(NS, OUTSIDE_ADDRESS, 9019)) {
            assertThat(nftTable()).contains("ip saddr 10.213.19.0/24 oifname != \"" + bridge + "\" masquerade comment \"jlab:network:"
                    + bridge + "\"", "iifname \"" + bridge + "\" accept");
            CompletableFuture<String> peer = CompletableFuture.supplyAsync(() -> BridgeNetworkTest.acceptOne(outside));
            var r = jlab.run("run", "--rm", "--network", "jt-nft", "busybox", "sh", "-c",
                    "echo hello outside | nc " + OUTSIDE_ADDRESS + " 9019 && ping -c 1 -W 2 " + OUTSIDE_ADDRESS);
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            assertThat(peer.get(10, TimeUnit.SECONDS)).isEqualTo(HOST_ADDRESS + " hello outside");
        } finally {
            var rm = jlab.run("network", "rm", "jt-nft");
            assertThat(rm.exitCode()).as(rm.err()).isZero();
        }
        assertThat(nftTable()).doesNotContain(bridge);
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void gc_removes_a_stray_rule_tagged_with_a_container_of_this_engine_from_jlabs_nft_table() throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        String ghost = "0badf00d" + "0".repeat(56);
        String tag = "jlab:" + new StateDir(state).cgroupParent() + ":container:" + ghost;
        BridgeNetworkTest.sh(NetfilterTool.addStrayRule(tag, true));
        assertThat(nftTable()).contains(tag);
        var gc = jlab.run("gc");
        assertThat(gc.out()).contains("removed rules " + tag);
        assertThat(nftTable()).doesNotContain(ghost);
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void a_jlab_killed_with_a_published_port_leaves_an_nft_rule_that_gc_removes() throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        int port = BridgeNetworkTest.freePort();
        try (var web = BridgeNetworkTest.Background.start("run", "--rm", "-p", port + ":80", "busybox", "sh", "-c",
                BridgeNetworkTest.Background.UNTIL_TERM)) {
            web.awaitReady();
            assertThat(nftTable()).contains("dport " + port + " ");
            web.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9 jlab
            var gc = jlab.run("gc");
            assertThat(gc.out()).contains("removed network endpoint vj");
        }
        assertThat(nftTable()).doesNotContain("dport " + port + " ");
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void run_explain_shows_the_nft_commands() {
        var r = jlab.run("run", "--rm", "--explain", "-p", "8080:80", "busybox", "true");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("nft -f -", "nft 'add table ip jlab'",
                "nft 'add rule ip jlab postrouting ip saddr 10.88.0.0/16 oifname != \"jlab0\" masquerade",
                "nft 'add rule ip jlab ports tcp dport 8080 dnat to ", "nft -a list table ip jlab").doesNotContain("iptables");
    }

    @Test
    void an_unknown_jlab_netfilter_is_refused_in_one_line_and_leaves_nothing() {
        HostSnapshot before = HostSnapshot.take(state);
        var r = new JlabProcess(state, Map.of("JLAB_NETFILTER", "ebtables")).run("run", "--rm", "busybox", "true");
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).contains("JLAB_NETFILTER=ebtables", "iptables or nft");
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }
}
