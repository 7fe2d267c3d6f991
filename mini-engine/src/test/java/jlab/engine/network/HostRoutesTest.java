package jlab.engine.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostRoutesTest {
    @Test
    void proc_net_route_holds_little_endian_hex(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("route");
        Files.writeString(f, "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
                + "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
                + "jlab0\t0000580A\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n");
        var routes = HostRoutes.read(f);
        assertThat(routes).extracting(r -> r.device() + " " + r.destination())
                .containsExactly("eth0 0.0.0.0/0", "jlab0 10.88.0.0/16");
    }
}
