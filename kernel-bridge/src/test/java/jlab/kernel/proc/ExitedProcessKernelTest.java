package jlab.kernel.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import jlab.kernel.KernelException;
import jlab.kernel.ns.Namespace;

/** Processes that have exited, with and without a parent that collected them. Needs no privilege. */
@Tag("kernel")
class ExitedProcessKernelTest {
    private final ProcFs proc = ProcFs.host();

    @Test
    void a_process_that_exited_and_was_reaped_reads_as_gone() throws Exception {
        Process done = new ProcessBuilder("true").start();
        long pid = done.pid();
        done.waitFor();

        assertThatThrownBy(() -> proc.status(pid))
                .isInstanceOf(KernelException.class)
                .hasMessage("read(/proc/" + pid + "/status): no such process (it exited)");
        assertThatThrownBy(() -> proc.namespaces(pid)).hasMessageContaining("no such process (it exited)");
        assertThat(proc.pids()).doesNotContain(pid);
    }

    @Test
    void a_zombie_keeps_only_its_pid_and_user_namespaces() throws InterruptedException {
        // sh starts "sleep 0" in the background, then becomes "sleep 30", which never calls wait():
        // the finished "sleep 0" stays a zombie until we kill its parent.
        try (RealProcess parent = RealProcess.start("sh", "-c", "sleep 0 & exec sleep 30").awaitRunning("sleep")) {
            long zombie = awaitZombieChild(parent);

            assertThat(proc.status(zombie).isZombie()).isTrue();
            assertThat(proc.namespaces(zombie)).containsOnlyKeys(Namespace.PID, Namespace.USER);
            assertThat(proc.cmdline(zombie)).isEmpty();
            assertThatThrownBy(() -> proc.mountInfo(zombie))
                    .isInstanceOf(KernelException.class)
                    .hasMessageContaining("Invalid argument")
                    .hasMessageContaining("zombie");
            assertThatThrownBy(() -> proc.readLink(zombie, "cwd"))
                    .hasMessageContaining("the kernel shows nothing here")
                    .hasMessageContaining("zombie");
        }
    }

    @Test
    void cmdline_keeps_arguments_with_spaces_whole() throws InterruptedException {
        try (RealProcess sh = RealProcess.start("sh", "-c", "sleep 30; :", "jlab-probe", "two words")) {
            sh.awaitAnyChild(); // sh has started and forked sleep: it runs the script
            assertThat(proc.cmdline(sh.pid())).containsExactly("sh", "-c", "sleep 30; :", "jlab-probe", "two words");
        }
    }

    private long awaitZombieChild(RealProcess parent) {
        return RealProcess.await("a zombie child of " + parent.pid(), () -> ProcessHandle.of(parent.pid()).stream()
                .flatMap(ProcessHandle::children)
                .map(ProcessHandle::pid)
                .filter(pid -> proc.status(pid).isZombie())
                .findFirst());
    }
}
