package jlab.kernel.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import jlab.kernel.Skip;
import jlab.kernel.ns.Namespace;

/**
 * {@code unshare --pid sleep 30}, without --fork: unshare(CLONE_NEWPID) does not move
 * the caller, it only decides where the caller's next child is born. sleep never
 * forks, so the new PID namespace has no process, and the kernel shows none.
 */
@Tag("kernel")
class PidForChildrenKernelTest {
    private final ProcFs proc = ProcFs.host();

    @Test
    void pid_for_children_is_empty_until_the_first_child_is_born() throws InterruptedException {
        Skip.unless(RealProcess.isRoot(), "requires root: creating namespaces needs CAP_SYS_ADMIN");
        assumeTrue(RealProcess.hasUnshare(), "requires unshare(1) from util-linux");
        try (RealProcess sleep = RealProcess.start("unshare", "--pid", "sleep", "30").awaitRunning("sleep")) {
            long self = ProcessHandle.current().pid();

            assertThat(proc.namespaces(sleep.pid()).get(Namespace.PID)).isEqualTo(proc.namespaces(self).get(Namespace.PID));
            assertThat(proc.namespaceForChildren(sleep.pid(), Namespace.PID)).isEmpty();
            assertThat(proc.status(sleep.pid()).nsPids()).containsExactly(sleep.pid());
        }
    }
}
