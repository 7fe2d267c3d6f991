package jlab.labs.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Which rules a lab's reset may delete: those naming its addresses and ports as whole tokens, no others. */
class NetfilterRulesTest {
    private static final List<String> LAB = List.of("10.202.0.2", "10.202.0.0/24", "18080");

    @Test
    void a_rule_names_the_labs_address_or_port_as_a_whole_token() {
        assertThat(NetfilterRules.names("-A OUTPUT -d 127.0.0.1/32 -p tcp -m tcp --dport 18080 -j DNAT --to-destination 10.202.0.2:80", LAB)).isTrue();
        assertThat(NetfilterRules.names("-A POSTROUTING -s 127.0.0.1/32 -d 10.202.0.2/32 -j MASQUERADE", LAB)).isTrue();
        assertThat(NetfilterRules.names("ip daddr 127.0.0.1 tcp dport 18080 dnat to 10.202.0.2:80", LAB)).isTrue();
        assertThat(NetfilterRules.names("-A POSTROUTING -s 10.202.0.0/24 ! -o jlab-web0 -j MASQUERADE", LAB)).isTrue();
    }

    @Test
    void a_longer_address_or_number_is_someone_elses() {
        assertThat(NetfilterRules.names("-A OUTPUT -d 10.202.0.20/32 -j ACCEPT", LAB)).isFalse();
        assertThat(NetfilterRules.names("-A OUTPUT -d 110.202.0.2/32 -j ACCEPT", LAB)).isFalse();
        assertThat(NetfilterRules.names("-A OUTPUT -p tcp --dport 118080 -j ACCEPT", LAB)).isFalse();
        assertThat(NetfilterRules.names("-A OUTPUT -p tcp --dport 180800 -j ACCEPT", LAB)).isFalse();
        assertThat(NetfilterRules.names("-A POSTROUTING -s 10.202.0.2.5 -j ACCEPT", LAB)).isFalse();
        assertThat(NetfilterRules.names("-A POSTROUTING -s 10.88.0.0/16 ! -o jlab0 -j MASQUERADE", LAB)).isFalse();
    }

    @Test
    void nft_listing_gives_each_rule_its_table_chain_and_handle() {
        String listing = """
                table ip nat { # handle 1
                	chain OUTPUT { # handle 5
                		type nat hook output priority -100; policy accept;
                		fib daddr type local  counter packets 0 bytes 0 jump JLAB # handle 346
                	}
                }
                table ip jlabweb { # handle 9
                	chain out { # handle 1
                		type nat hook output priority -100; policy accept;
                		ip daddr 127.0.0.1 tcp dport 18080 dnat to 10.202.0.2:80 # handle 2
                	}
                }# Warning: table ip nat is managed by iptables-nft, do not touch!
                """;

        List<NetfilterRules.NftRule> rules = NetfilterRules.parseNft(listing);

        assertThat(rules).containsExactly(
                new NetfilterRules.NftRule("ip", "nat", "OUTPUT", "346", "fib daddr type local  counter packets 0 bytes 0 jump JLAB"),
                new NetfilterRules.NftRule("ip", "jlabweb", "out", "2", "ip daddr 127.0.0.1 tcp dport 18080 dnat to 10.202.0.2:80"));
        assertThat(rules.stream().filter(r -> NetfilterRules.names(r.text(), LAB)).map(NetfilterRules.NftRule::table)).containsExactly("jlabweb");
        assertThat(NetfilterRules.parseTables("table ip nat\ntable inet jlabweb\n")).containsExactly("ip nat", "inet jlabweb");
    }
}
