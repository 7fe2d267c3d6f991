package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code jlab lab check veth} as a student runs it: exit 1 with the hint that
 * fits while the veth's peer is still on the host, exit 0 and jlab.result/v1
 * once the lab is solved with ip, and {@code lab reset} deletes the namespace
 * and the link.
 */
class NetLabCommandTest extends RealJlabTest {
    @Test
    void the_veth_lab_from_the_command_line_fail_then_pass_then_reset() throws Exception {
        assertThat(jlab.run("lab", "start", "veth").exitCode()).isZero();
        try {
            sh("ip netns add jlab-net; ip link add jlab-veth0 type veth peer name jlab-veth1");
            JlabProcess.Result half = jlab.run("lab", "check", "--lang", "en", "veth");
            assertThat(half.exitCode()).as("not every check passes: exit 1").isEqualTo(1);
            assertThat(half.out()).contains("The veth exists but its peer (jlab-veth1) is still in the host's namespace.")
                    .contains("ip link set jlab-veth1 netns jlab-net");

            sh("ip link set jlab-veth1 netns jlab-net; ip addr add 10.200.0.1/24 dev jlab-veth0; ip link set jlab-veth0 up;"
                    + " ip netns exec jlab-net ip addr add 10.200.0.2/24 dev jlab-veth1; ip netns exec jlab-net ip link set jlab-veth1 up");
            JlabProcess.Result done = jlab.run("lab", "check", "--json", "veth");
            for (int i = 0; i < 20 && done.exitCode() != 0; i++) { // a veth's operstate turns UP a moment after `ip link set up`
                Thread.sleep(100);
                done = jlab.run("lab", "check", "--json", "veth");
            }
            assertThat(done.exitCode()).as(done.out() + done.err()).isZero();
            JsonNode json = new ObjectMapper().readTree(done.out());
            assertThat(json.get("schema").asText()).isEqualTo("jlab.result/v1");
            assertThat(json.get("score").asDouble()).isEqualTo(10);
            assertThat(json.get("tests").get(4).get("id").asText()).isEqualTo("reach");
            assertThat(json.get("tests").get(4).get("evidence").get(0).get("observed").asText()).startsWith("1 reply: ");
        } finally {
            assertThat(jlab.run("lab", "reset", "veth").exitCode()).isZero();
        }
        assertThat(sh("ls /run/netns; ip -o link")).doesNotContain("jlab-net").doesNotContain("jlab-veth");
    }

    private static String sh(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("sh", "-ec", script)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(script + "\n" + out).isZero();
        return out;
    }
}
