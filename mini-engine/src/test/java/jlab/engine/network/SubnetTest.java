package jlab.engine.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubnetTest {
    @Test
    void a_subnet_knows_its_hosts_broadcast_and_what_it_contains() {
        Subnet s = Subnet.parse("10.88.0.0/16");
        assertThat(s.size()).isEqualTo(65536);
        assertThat(s.host(1)).hasToString("10.88.0.1");
        assertThat(s.host(256)).hasToString("10.88.1.0");
        assertThat(s.broadcast()).hasToString("10.88.255.255");
        assertThat(s.contains(Ipv4.parse("10.88.200.3"))).isTrue();
        assertThat(s.contains(Ipv4.parse("10.89.0.1"))).isFalse();
        assertThat(s.cidrOf(Ipv4.parse("10.88.0.5"))).isEqualTo("10.88.0.5/16");
    }

    @Test
    void subnets_overlap_when_one_holds_the_other_or_they_are_the_same() {
        assertThat(Subnet.parse("10.88.0.0/16").overlaps(Subnet.parse("10.88.7.0/24"))).isTrue();
        assertThat(Subnet.parse("10.88.7.0/24").overlaps(Subnet.parse("10.88.0.0/16"))).isTrue();
        assertThat(Subnet.parse("10.89.0.0/24").overlaps(Subnet.parse("10.89.1.0/24"))).isFalse();
        assertThat(Subnet.parse("0.0.0.0/0").overlaps(Subnet.parse("192.0.2.0/24"))).isTrue();
    }

    @Test
    void a_bad_cidr_is_refused_with_dockers_words() {
        for (String bad : new String[] {"10.0.0.0", "10.0.0.0/33", "10.0.0.1/24", "10.0.0/24", "a.b.c.d/8", "10.0.0.0/", "300.0.0.0/8"}) {
            assertThatThrownBy(() -> Subnet.parse(bad)).as(bad).hasMessageContaining("invalid CIDR address: " + bad);
        }
    }

    @Test
    void addresses_compare_as_unsigned_numbers() {
        assertThat(Ipv4.parse("200.0.0.1").compareTo(Ipv4.parse("10.0.0.1"))).isPositive();
        assertThat(Ipv4.parse("127.0.0.53").isLoopback()).isTrue();
        assertThat(Ipv4.isValid("1.2.3")).isFalse();
        assertThat(Ipv4.isValid("01.2.3.4")).isTrue();
    }
}
