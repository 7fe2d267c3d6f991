package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * jlab has no daemon to own the default network: {@code jlab gc} gives the
 * host back jlab0, its netfilter rules, its bookkeeping in /run/jlab and
 * ip_forward as it was — once no container of any jlab uses it, and never
 * while one does. And a jlab that lives on (the prompt, a script) makes the
 * network's rules again when its bridge was removed and made anew under it.
 */
class DefaultNetworkGcTest extends RealJlabTest {
    private static final Path BRIDGE = Path.of("/sys/class/net/jlab0");
    private static final Path RUN_DIR = Path.of("/run/jlab/networks/jlab0");
    private static final Path IP_FORWARD = Path.of("/proc/sys/net/ipv4/ip_forward");
    private static final Path IP_FORWARD_BEFORE = Path.of("/run/jlab/ip_forward.before");

    @Test
    void gc_removes_the_default_network_once_no_container_uses_it() throws IOException {
        assertThat(jlab.run("run", "--rm", "busybox", "true").exitCode()).isZero();
        assertThat(BRIDGE).exists();
        assertThat(jlabRules()).isNotEmpty();
        String forwardingBefore = Files.exists(IP_FORWARD_BEFORE) ? Files.readString(IP_FORWARD_BEFORE).strip() : "1";

        JlabProcess.Result gc = jlab.run("gc");

        assertThat(gc.exitCode()).isZero();
        assertThat(gc.out()).contains("link jlab0");
        assertThat(BRIDGE).as("the bridge").doesNotExist();
        assertThat(jlabRules()).as("jlab's netfilter rules, chains and table").isEmpty();
        assertThat(RUN_DIR).doesNotExist();
        assertThat(IP_FORWARD_BEFORE).doesNotExist();
        assertThat(Files.readString(IP_FORWARD).strip()).as("ip_forward").isEqualTo(forwardingBefore);
    }

    @Test
    void gc_keeps_the_default_network_while_a_container_is_on_it() {
        assertThat(jlab.run("run", "-d", "--name", "holder", "busybox", "sleep", "300").exitCode()).isZero();
        try {
            assertThat(jlab.run("gc").out()).doesNotContain("jlab0");
            assertThat(BRIDGE).exists();
            assertThat(jlabRules()).anyMatch(r -> r.contains("jlab:network:jlab0"));
            assertThat(jlab.run("exec", "holder", "ping", "-c", "1", "-W", "2", "10.88.0.1").exitCode())
                    .as("the container still reaches its gateway").isZero();
        } finally {
            jlab.run("rm", "-f", "holder");
        }
        jlab.run("gc");
        assertThat(BRIDGE).doesNotExist();
    }

    /** The process checks a network's rules once; gc in between removed them with the bridge. */
    @Test
    void a_long_lived_jlab_makes_the_rules_again_when_the_bridge_is_made_again() {
        JlabProcess.Result script = jlab.runWithInput(String.join("\n",
                "run --rm busybox true",
                "gc",
                "run -d --name again busybox sleep 300",
                ""));
        try {
            assertThat(script.exitCode()).as(script.err()).isZero();
            assertThat(script.out()).contains("link jlab0");
            assertThat(jlabRules()).as("the network's rules, made again in the same process")
                    .anyMatch(r -> r.contains("MASQUERADE") || r.contains("masquerade"));
        } finally {
            jlab.run("rm", "-f", "again");
            jlab.run("gc");
        }
    }

    @Test
    void with_nft_gc_deletes_jlabs_table() {
        jlab.run("gc"); // what the class's first run made with the default backend (iptables)
        assertThat(jlabRules()).as("before the test").isEmpty();
        JlabProcess nft = new JlabProcess(state, Map.of("JLAB_NETFILTER", "nft"));
        assertThat(nft.run("run", "--rm", "busybox", "true").exitCode()).isZero();
        assertThat(jlabRules()).anyMatch(r -> r.startsWith("nft"));
        assertThat(nft.run("gc").out()).contains("table ip jlab");
        assertThat(jlabRules()).isEmpty();
        assertThat(BRIDGE).doesNotExist();
    }

    /** Every netfilter line of the host that names jlab: rules, the JLAB chain, the nft table. */
    private static List<String> jlabRules() {
        List<String> lines = new ArrayList<>();
        HostSnapshot.output("iptables-save").lines().filter(l -> l.contains("JLAB") || l.contains("jlab")).forEach(lines::add);
        String tables = HostSnapshot.output("nft", "list", "tables");
        if (tables.contains("table ip jlab")) {
            HostSnapshot.output("nft", "list", "table", "ip", "jlab").lines().map(l -> "nft " + l.strip()).forEach(lines::add);
        }
        return lines;
    }
}
