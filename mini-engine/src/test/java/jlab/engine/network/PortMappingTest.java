package jlab.engine.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortMappingTest {
    @Test
    void host_and_container_ports_with_an_optional_ip_and_protocol() {
        assertThat(PortMapping.parse("8080:80")).isEqualTo(new PortMapping("", 8080, 80, "tcp"));
        assertThat(PortMapping.parse("127.0.0.1:8080:80/udp")).isEqualTo(new PortMapping("127.0.0.1", 8080, 80, "udp"));
        assertThat(PortMapping.parse("0.0.0.0:53:53/UDP").hostAddress()).isEqualTo("0.0.0.0");
        assertThat(PortMapping.parse("127.0.0.1:8080:80").toString()).isEqualTo("127.0.0.1:8080:80/tcp");
    }

    @Test
    void anything_else_is_one_line_saying_what_is_wrong() {
        assertThatThrownBy(() -> PortMapping.parse("80")).hasMessageContaining("[IP:]HOST_PORT:CONTAINER_PORT");
        assertThatThrownBy(() -> PortMapping.parse("x:80")).hasMessageContaining("invalid hostPort: x");
        assertThatThrownBy(() -> PortMapping.parse("80:0")).hasMessageContaining("invalid containerPort: 0");
        assertThatThrownBy(() -> PortMapping.parse("80:65536")).hasMessageContaining("invalid containerPort: 65536");
        assertThatThrownBy(() -> PortMapping.parse("80:80/sctp")).hasMessageContaining("invalid proto: sctp");
        assertThatThrownBy(() -> PortMapping.parse("host:80:80")).hasMessageContaining("invalid IP address: host");
        assertThatThrownBy(() -> PortMapping.parse(":80")).hasMessageContaining("invalid hostPort: (empty)");
    }
}
