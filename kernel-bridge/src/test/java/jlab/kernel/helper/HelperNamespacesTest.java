package jlab.kernel.helper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jlab.kernel.KernelException;
import jlab.kernel.syscall.NsInode;

/** unshare, fork, sethostname and ifup: the helper's namespaces, seen from the host. */
class HelperNamespacesTest extends RealHelperTest {
    private final long self = ProcessHandle.current().pid();

    @ParameterizedTest
    @ValueSource(strings = {"mnt", "uts", "ipc", "net", "cgroup", "user", "time"})
    void unshare_reports_the_inode_of_the_new_namespace_as_the_host_sees_it(String kind) {
        // A new time namespace is for the caller's children, like a PID one.
        String file = kind.equals("time") ? "time_for_children" : kind;
        assumeTrue(Files.exists(Path.of("/proc/self/ns/" + file)), "this kernel has no " + kind + " namespaces");
        Helper helper = start();
        long ours = NsInode.of(self, file);

        Reply reply = helper.call("unshare", kind);

        assertThat(reply.values()).containsOnlyKeys(kind);
        assertThat(reply.getLong(kind))
                .isEqualTo(NsInode.of(helper.pid(), file))
                .isNotEqualTo(ours);
    }

    @Test
    void unshare_pid_then_fork_makes_an_init_that_is_pid_1_inside_and_the_reply_names_its_namespace() throws Exception {
        Helper helper = start();
        long ourPidNs = NsInode.of(self, "pid");

        assertThat(helper.call("unshare", "pid").values()).as("no pid= before PID 1 exists").isEmpty();
        Reply forked = helper.call("fork");
        long init = forked.getLong("init");
        mustBeGoneAfterwards(init);

        assertThat(forked.getLong("pid")).isEqualTo(NsInode.of(init, "pid")).isNotEqualTo(ourPidNs);
        assertThat(NsInode.of(helper.pid(), "pid")).as("the reaper stays in our PID namespace").isEqualTo(ourPidNs);
        assertThat(NsInode.of(helper.pid(), "pid_for_children")).isEqualTo(forked.getLong("pid"));
        assertThat(statusLine(init, "NSpid")).as("host pid, then pid inside").isEqualTo(init + "\t1");
        assertThat(statusLine(init, "PPid")).isEqualTo(String.valueOf(helper.pid()));
        assertThat(helper.call("hello").get("pid")).as("the init answers now, and knows itself as 1").isEqualTo("1");
    }

    @Test
    void sethostname_in_a_new_uts_namespace_is_what_the_command_sees_and_not_the_host() throws Exception {
        Helper helper = start();
        Path out = captureOutput(helper);
        helper.call("unshare", "uts");

        helper.call("sethostname", "jlab-box");
        helper.exec(List.of(BUSYBOX, "hostname"));

        assertThat(helper.waitFor()).isZero();
        assertThat(read(out)).isEqualTo("jlab-box\n");
        assertThat(sys.gethostname()).isNotEqualTo("jlab-box");
    }

    @Test
    void lo_in_a_new_network_namespace_starts_down() throws Exception {
        Helper helper = start();
        Path out = captureOutput(helper);
        helper.call("unshare", "net");

        helper.exec(List.of(BUSYBOX, "ip", "link", "show", "lo"));

        assertThat(helper.waitFor()).isZero();
        assertThat(linkFlags(read(out))).contains("LOOPBACK").doesNotContain("UP");
    }

    @Test
    void ifup_lo_in_a_new_network_namespace_brings_it_up() throws Exception {
        Helper helper = start();
        Path out = captureOutput(helper);
        helper.call("unshare", "net");

        helper.call("ifup", "lo");
        helper.exec(List.of(BUSYBOX, "ip", "link", "show", "lo"));

        assertThat(helper.waitFor()).isZero();
        assertThat(linkFlags(read(out))).contains("LOOPBACK", "UP", "LOWER_UP");
    }

    @Test
    void ifup_of_an_interface_that_is_not_there_is_ENODEV() {
        Helper helper = start();
        helper.call("unshare", "net");

        assertThatThrownBy(() -> helper.call("ifup", "eth0")).isInstanceOfSatisfying(KernelException.class, e -> {
            assertThat(e.operation()).isEqualTo("ioctl");
            assertThat(e.arguments()).isEqualTo("\"eth0\", SIOCGIFFLAGS");
            assertThat(e.errnoName()).isEqualTo("ENODEV");
        });
    }

    /** {@code 1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 ...}: the flags between the angle brackets. */
    private static List<String> linkFlags(String ipLinkOutput) {
        Matcher m = Pattern.compile("<([^>]*)>").matcher(ipLinkOutput);
        assertThat(m.find()).as("flags in: " + ipLinkOutput).isTrue();
        return Arrays.asList(m.group(1).split(","));
    }

    private static String statusLine(long pid, String key) throws Exception {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith(key + ":")).map(l -> l.substring(key.length() + 1).strip())
                .findFirst().orElseThrow();
    }
}
