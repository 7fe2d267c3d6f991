package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code jlab exec} into a {@code --userns} container: the helper joins every
 * other namespace first, as host root, then the user namespace, where it is
 * root of the container only.
 */
class ExecUserNamespaceTest extends RealJlabTest {
    static RunningContainer box;

    @BeforeAll
    static void startBox() {
        box = RunningContainer.start(jlab, state, "userns-box", "--userns", "busybox", "sleep", "1000");
    }

    @AfterAll
    static void stopBox() {
        if (box != null) box.stop();
    }

    @Test
    void exec_joins_the_user_namespace_and_root_inside_is_uid_100000_outside() throws Exception {
        var r = jlab.run("exec", "userns-box", "sh", "-c",
                "cat /proc/self/uid_map; id -u; readlink /proc/self/ns/user; grep CapEff /proc/self/status");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines().get(0).trim().split("\\s+")).containsExactly("0", "100000", "65536");
        assertThat(r.lines().get(1)).isEqualTo("0");
        assertThat(r.lines().get(2))
                .isEqualTo(java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/" + box.initPid() + "/ns/user")).toString());
        assertThat(r.lines().get(3)).isEqualTo("CapEff:\t00000000a80425fb");
        var top = jlab.run("top", "userns-box");
        assertThat(top.out()).contains("100000"); // the host sees the container's root as uid 100000
    }
}
