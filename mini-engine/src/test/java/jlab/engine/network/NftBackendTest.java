package jlab.engine.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import jlab.engine.EngineException;

/** The text jlab sends to nft is the text nft lists back: so "is this rule there" is a comparison, and handles are found by tag. */
class NftBackendTest {
    static final String LISTING = """
            table ip jlab { # handle 3
            	chain prerouting { # handle 1
            		type nat hook prerouting priority dstnat; policy accept;
            		fib daddr type local jump ports comment "jlab:jump" # handle 6
            	}

            	chain ports { # handle 5
            		ip daddr 127.0.0.1 tcp dport 8080 dnat to 10.88.0.5:80 comment "jlab:e:container:abc" # handle 12
            		udp dport 5353 dnat to 10.88.0.5:53 comment "jlab:e:container:abc" # handle 13
            		tcp dport 9090 dnat to 10.88.0.6:80 comment "jlab:e:container:def" # handle 14
            	}
            }
            """;

    @Test
    void a_published_port_is_one_dnat_rule_in_the_ports_chain_tagged_with_its_container() {
        assertThat(NftBackend.portRule(new PortMapping("127.0.0.1", 8080, 80, "tcp"), "10.88.0.5", "jlab:e:container:abc"))
                .isEqualTo("ip daddr 127.0.0.1 tcp dport 8080 dnat to 10.88.0.5:80 comment \"jlab:e:container:abc\"");
        assertThat(NftBackend.portRule(PortMapping.parse("5353:53/udp"), "10.88.0.5", "t"))
                .isEqualTo("udp dport 5353 dnat to 10.88.0.5:53 comment \"t\"");
    }

    @Test
    void a_containers_ports_are_one_batch_that_declares_the_table_and_its_chains() {
        String batch = NftBackend.portBatch(List.of(PortMapping.parse("8080:80"), PortMapping.parse("5353:53/udp")), "10.88.0.5", "t");
        assertThat(batch.lines().toList()).startsWith("add table ip jlab").contains(
                "add chain ip jlab prerouting { type nat hook prerouting priority dstnat; policy accept; }",
                "add chain ip jlab postrouting { type nat hook postrouting priority srcnat; policy accept; }",
                "add chain ip jlab forward { type filter hook forward priority filter; policy accept; }",
                "add rule ip jlab ports tcp dport 8080 dnat to 10.88.0.5:80 comment \"t\"",
                "add rule ip jlab ports udp dport 5353 dnat to 10.88.0.5:53 comment \"t\"");
    }

    @Test
    void a_network_has_jumps_outbound_nat_localhost_masquerade_and_forwarding() {
        var rules = NftBackend.networkRules("jlab0", "10.88.0.0/16").stream().map(r -> r.chain() + ": " + r.rule()).toList();
        assertThat(rules).containsExactly(
                "prerouting: fib daddr type local jump ports comment \"jlab:jump\"",
                "output: fib daddr type local jump ports comment \"jlab:jump\"",
                "postrouting: ip saddr 10.88.0.0/16 oifname != \"jlab0\" masquerade comment \"jlab:network:jlab0\"",
                "postrouting: ip saddr 127.0.0.0/8 oifname \"jlab0\" masquerade comment \"jlab:network:jlab0\"",
                "forward: iifname \"jlab0\" accept comment \"jlab:network:jlab0\"",
                "forward: oifname \"jlab0\" accept comment \"jlab:network:jlab0\"");
    }

    @Test
    void the_listing_gives_each_rule_its_chain_handle_and_tag_and_deletion_is_by_handle() {
        var rules = NftBackend.parse(LISTING);
        assertThat(rules).hasSize(4);
        assertThat(rules.get(0)).isEqualTo(new NftBackend.Listed("prerouting",
                "fib daddr type local jump ports comment \"jlab:jump\"", 6, "jlab:jump"));
        var abc = rules.stream().filter(r -> "jlab:e:container:abc".equals(r.tag())).toList();
        assertThat(NftBackend.deleteBatch(abc)).isEqualTo(
                "delete rule ip jlab ports handle 12\ndelete rule ip jlab ports handle 13\n");
        assertThat(rules.get(1).rule()).isEqualTo(
                NftBackend.portRule(new PortMapping("127.0.0.1", 8080, 80, "tcp"), "10.88.0.5", "jlab:e:container:abc"));
    }

    @Test
    void jlab_netfilter_names_a_tool_or_is_refused_in_one_line() {
        assertThat(Netfilter.choose("nft").name()).isEqualTo("nft");
        assertThat(Netfilter.choose("iptables").name()).isEqualTo("iptables");
        assertThatThrownBy(() -> Netfilter.choose("ebtables")).isInstanceOf(EngineException.class)
                .hasMessageContaining("JLAB_NETFILTER=ebtables").hasMessageContaining("iptables or nft");
    }
}
