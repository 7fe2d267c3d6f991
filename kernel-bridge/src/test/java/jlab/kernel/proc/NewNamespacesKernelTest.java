package jlab.kernel.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import jlab.kernel.Skip;
import jlab.kernel.ns.Namespace;

/**
 * {@code unshare --uts --pid --fork --mount-proc sleep 30}, read from the host:
 * unshare(1) makes new UTS, PID and mount namespaces, forks (the child is PID 1 of
 * the new PID namespace), mounts a fresh /proc for it and runs sleep there.
 */
@Tag("kernel")
class NewNamespacesKernelTest {
    private final ProcFs proc = ProcFs.host();
    private final long self = ProcessHandle.current().pid();
    private RealProcess unshare;
    private long sleep;

    @BeforeEach
    void startSleepInNewNamespaces() {
        Skip.unless(RealProcess.isRoot(), "requires root: creating namespaces needs CAP_SYS_ADMIN");
        assumeTrue(RealProcess.hasUnshare(), "requires unshare(1) from util-linux");
        unshare = RealProcess.start("unshare", "--uts", "--pid", "--fork", "--mount-proc", "sleep", "30");
        sleep = unshare.awaitChild("sleep");
    }

    @AfterEach
    void killIt() throws InterruptedException {
        if (unshare != null) unshare.close();
    }

    @Test
    void a_new_uts_namespace_has_another_inode() {
        Map<Namespace, Long> ours = proc.namespaces(self);
        Map<Namespace, Long> its = proc.namespaces(sleep);

        assertThat(its.get(Namespace.UTS)).isNotEqualTo(ours.get(Namespace.UTS));
        assertThat(its.get(Namespace.MNT)).isNotEqualTo(ours.get(Namespace.MNT));
        assertThat(its.get(Namespace.NET)).as("not asked for: shared").isEqualTo(ours.get(Namespace.NET));
        assertThat(its.get(Namespace.USER)).isEqualTo(ours.get(Namespace.USER));
    }

    @Test
    void nspid_innermost_is_one_inside_a_new_pid_namespace() {
        ProcStatus status = proc.status(sleep);

        assertThat(status.nsPids()).containsExactly(sleep, 1L);
        assertThat(status.pidInInnermostNamespace()).isEqualTo(1);
        assertThat(status.ppid()).isEqualTo(unshare.pid());
        assertThat(proc.namespaces(sleep).get(Namespace.PID)).isNotEqualTo(proc.namespaces(self).get(Namespace.PID));
    }

    @Test
    void unshare_stays_in_our_pid_namespace_but_its_children_do_not() {
        long newPidNs = proc.namespaces(sleep).get(Namespace.PID);

        assertThat(proc.namespaces(unshare.pid()).get(Namespace.PID)).isEqualTo(proc.namespaces(self).get(Namespace.PID));
        assertThat(proc.namespaceForChildren(unshare.pid(), Namespace.PID)).hasValue(newPidNs);
        assertThat(proc.status(unshare.pid()).nsPids()).containsExactly(unshare.pid());
    }

    @Test
    void mount_proc_stacks_a_new_proc_over_the_old_one() {
        List<MountInfo> procMounts = proc.mountInfo(sleep).stream().filter(m -> m.mountPoint().equals("/proc")).toList();
        MountInfo hostProc = proc.mountInfo(self).stream().filter(m -> m.mountPoint().equals("/proc")).findFirst().orElseThrow();

        // The copy of our /proc that came with the new mount namespace, and on it the new one:
        // the last mount at a path is the one the process sees.
        assertThat(procMounts).hasSize(2);
        assertThat(procMounts.get(0).majorMinor()).isEqualTo(hostProc.majorMinor());
        assertThat(procMounts.get(1).parentId()).isEqualTo(procMounts.get(0).mountId());
        assertThat(procMounts.get(1).majorMinor()).as("a new proc instance, for the new PID namespace")
                .isNotEqualTo(hostProc.majorMinor());
        assertThat(procMounts.get(1).mountOptions()).contains("nosuid", "nodev", "noexec");
    }
}
