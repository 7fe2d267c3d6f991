package jlab.kernel.helper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * A detached helper ({@code --detach}) and its supervisor ({@code supervise}):
 * it leaves its parent, logs PID 1's two streams as CRI records, writes the
 * exit file, and runs the exit command unless a stop marker says not to.
 */
class HelperSuperviseTest extends RealHelperTest {

    @Test
    void a_detached_helper_is_no_child_of_ours_and_leads_its_own_session() throws Exception {
        Helper h = Helper.startDetached(binary);
        try {
            assertThat(h.detached()).isTrue();
            Optional<ProcessHandle> parent = ProcessHandle.of(h.pid()).flatMap(ProcessHandle::parent);
            assertThat(parent.map(ProcessHandle::pid)).isNotEqualTo(Optional.of(ProcessHandle.current().pid()));
            String stat = Files.readString(Path.of("/proc/" + h.pid() + "/stat"));
            long session = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
            assertThat(session).isEqualTo(h.pid());
        } finally {
            h.close(); // end-of-file before exec: it exits on its own
        }
        awaitNotAlive(h.pid());
    }

    @Test
    void supervise_logs_both_streams_as_cri_records_and_writes_the_exit_file() throws Exception {
        Helper h = Helper.startDetached(binary);
        try {
            assertThat(h.call("supervise", dir.toString()).get("log")).isEqualTo("container.log");
            h.call("stdio", "/dev/null", "-", "-");
            forkInit(h);
            h.exec(List.of(BUSYBOX, "sh", "-c", "echo out; sleep 0.1; echo err >&2; sleep 0.1; printf part; exit 3"));
        } finally {
            h.close();
        }
        awaitFile(dir.resolve("exit"));
        assertThat(Files.readString(dir.resolve("exit")))
                .matches("\\{\"exitCode\":3,\"signal\":0,\"finishedAt\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z\"}\n");
        String ts = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z ";
        assertThat(Files.readAllLines(dir.resolve("container.log")))
                .satisfiesExactly(
                        l -> assertThat(l).matches(ts + "stdout F out"),
                        l -> assertThat(l).matches(ts + "stderr F err"),
                        l -> assertThat(l).matches(ts + "stdout P part"));
        awaitNotAlive(h.pid());
    }

    @Test
    void the_exit_command_runs_in_the_hosts_pid_namespace_and_can_make_processes() throws Exception {
        Path called = dir.resolve("called");
        Helper h = Helper.startDetached(binary);
        try {
            // A subshell: a fork in the container's PID namespace, dead by then, would fail.
            h.call("supervise", dir.toString(), BUSYBOX, "sh", "-c", "(cat " + dir.resolve("exit") + "; readlink /proc/self/ns/pid) > " + called);
            h.call("stdio", "/dev/null", "-", "-");
            forkInit(h);
            h.exec(List.of(BUSYBOX, "true"));
        } finally {
            h.close();
        }
        awaitFile(called);
        for (int i = 0; i < 100 && Files.readString(called).lines().count() < 2; i++) Thread.sleep(20);
        assertThat(Files.readString(called).lines().toList()).satisfiesExactly(
                l -> assertThat(l).startsWith("{\"exitCode\":0,"),
                l -> assertThat(l).isEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString()));
    }

    @Test
    void a_stop_marker_keeps_the_exit_command_from_running() throws Exception {
        Path called = dir.resolve("called");
        Files.createFile(dir.resolve("stopping"));
        Helper h = Helper.startDetached(binary);
        try {
            h.call("supervise", dir.toString(), BUSYBOX, "touch", called.toString());
            h.call("stdio", "/dev/null", "-", "-");
            forkInit(h);
            h.exec(List.of(BUSYBOX, "sh", "-c", "exit 5"));
        } finally {
            h.close();
        }
        awaitFile(dir.resolve("exit"));
        awaitNotAlive(h.pid());
        assertThat(called).doesNotExist();
        assertThat(Files.readString(dir.resolve("exit"))).startsWith("{\"exitCode\":5,");
    }

    private static void awaitFile(Path file) throws InterruptedException {
        for (int i = 0; i < 500 && !Files.exists(file); i++) Thread.sleep(20);
        assertThat(file).exists();
    }

    /** Gone, or a zombie: it is not our child, and whoever adopted it reaps it (or not: some inits do not). */
    private static void awaitNotAlive(long pid) throws Exception {
        for (int i = 0; i < 500; i++) {
            Path stat = Path.of("/proc/" + pid + "/stat");
            if (!Files.exists(stat)) return;
            try {
                String s = Files.readString(stat);
                if (s.substring(s.lastIndexOf(')') + 2).startsWith("Z")) return;
            } catch (java.io.IOException gone) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("process " + pid + " still runs");
    }
}
