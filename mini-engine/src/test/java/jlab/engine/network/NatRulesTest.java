package jlab.engine.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The rule text jlab sends to iptables-restore is the text iptables-save prints back: so -D finds it. */
class NatRulesTest {
    @Test
    void a_published_port_is_one_dnat_rule_tagged_with_its_container() {
        String rule = NatRules.portRule(new PortMapping("127.0.0.1", 8080, 80, "tcp"), "10.88.0.5", "jlab:jlab:container:abc");
        assertThat(rule).isEqualTo("-A JLAB -d 127.0.0.1/32 -p tcp -m tcp --dport 8080 -m comment --comment"
                + " \"jlab:jlab:container:abc\" -j DNAT --to-destination 10.88.0.5:80");
        assertThat(NatRules.commentOf(rule)).isEqualTo("jlab:jlab:container:abc");
    }

    @Test
    void one_batch_adds_or_deletes_every_port_of_a_container() {
        List<PortMapping> ports = List.of(PortMapping.parse("8080:80"), PortMapping.parse("5353:53/udp"));
        String add = NatRules.portBatch(ports, "10.88.0.5", "t", true);
        String del = NatRules.portBatch(ports, "10.88.0.5", "t", false);
        assertThat(add.lines().toList()).hasSize(4).startsWith("*nat").endsWith("COMMIT");
        assertThat(add).contains("-A JLAB -p udp -m udp --dport 5353");
        assertThat(del).contains("-D JLAB -p tcp -m tcp --dport 8080").doesNotContain("-A ");
    }

    @Test
    void a_network_has_outbound_nat_localhost_masquerade_and_forwarding() {
        var rules = NatRules.networkRules("jlab0", "10.88.0.0/16");
        assertThat(rules.get("nat")).contains(
                "-A POSTROUTING -s 10.88.0.0/16 ! -o jlab0 -m comment --comment \"jlab:network:jlab0\" -j MASQUERADE",
                "-A POSTROUTING -s 127.0.0.0/8 -o jlab0 -m comment --comment \"jlab:network:jlab0\" -j MASQUERADE",
                "-A OUTPUT -m addrtype --dst-type LOCAL -m comment --comment \"jlab:jump\" -j JLAB");
        assertThat(rules.get("filter")).hasSize(2).allMatch(r -> r.startsWith("-A FORWARD"));
    }

    @Test
    void a_comment_is_read_quoted_or_not() {
        assertThat(NatRules.commentOf("-A X -m comment --comment plain -j ACCEPT")).isEqualTo("plain");
        assertThat(NatRules.commentOf("-A X -j ACCEPT")).isNull();
    }
}
