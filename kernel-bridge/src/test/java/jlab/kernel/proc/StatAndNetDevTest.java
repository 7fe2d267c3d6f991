package jlab.kernel.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /proc/PID/stat and /proc/PID/net/dev, on files shaped like the kernel's. */
class StatAndNetDevTest {
    @TempDir Path tmp;

    @Test
    void stat_fields_are_counted_after_the_last_parenthesis_of_the_command_name() {
        // A command name may hold spaces and parentheses: "(my (odd) cmd)".
        String stat = "4242 (my (odd) cmd) S 4241 4242 4242 0 -1 4194560 120 0 0 0 250 130 0 0 20 0 1 0 98765 1638400 "
                + "200 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        ProcStat s = new FakeProc(tmp).file(4242, "stat", stat).procFs().stat(4242);

        assertThat(s).isEqualTo(new ProcStat("my (odd) cmd", 'S', 4241, 250, 130, 98765));
        assertThat(s.cpuMillis()).as("380 ticks of 10 ms").isEqualTo(3800);
    }

    @Test
    void net_dev_lists_the_interfaces_of_the_processs_network_namespace_with_their_counters() {
        String netDev = """
                Inter-|   Receive                                                |  Transmit
                 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
                    lo:    1344      16    0    0    0     0          0         0     1344      16    0    0    0     0       0          0
                  eth0: 9876543    1234    0    0    0     0          0         0   123456     789    0    0    0     0       0          0
                """;
        var devices = new FakeProc(tmp).file(7, "net/dev", netDev).procFs().netDevices(7);

        assertThat(devices).containsExactly(new NetDevice("lo", 1344, 16, 1344, 16),
                new NetDevice("eth0", 9876543, 1234, 123456, 789));
    }
}
