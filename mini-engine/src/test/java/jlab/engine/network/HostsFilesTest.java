package jlab.engine.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class HostsFilesTest {
    static Endpoint endpoint(String address, String name, String hostname) {
        return new Endpoint("net", "jl-x", "10.89.0.0/24", "10.89.0.1", address, "/x", "vjx", name, hostname, List.of());
    }

    @Test
    void the_hosts_file_names_localhost_the_container_and_its_peers() {
        String text = HostsFiles.hostsText(endpoint("10.89.0.2", "alpha", "3f2a9c1b7d4e"),
                List.of(endpoint("10.89.0.3", "beta", "beta")));
        assertThat(text.lines().toList()).containsExactly("127.0.0.1\tlocalhost", "::1\tlocalhost ip6-localhost ip6-loopback",
                "10.89.0.2\t3f2a9c1b7d4e alpha", "10.89.0.3\tbeta");
    }

    @Test
    void resolv_conf_drops_loopback_nameservers_as_docker_does() {
        assertThat(HostsFiles.resolvText(List.of("# comment", "nameserver 127.0.0.53", "nameserver 10.255.255.53",
                "search example.org", "options edns0"))).isEqualTo("nameserver 10.255.255.53\nsearch example.org\noptions edns0\n");
        assertThat(HostsFiles.resolvText(List.of("nameserver 127.0.0.53", "nameserver ::1")))
                .isEqualTo("nameserver 8.8.8.8\nnameserver 8.8.4.4\n");
    }
}
