package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code jlab exec}: a new process in a running container's namespaces,
 * root and cgroup, driven through the real jlab against a foreground
 * container that another jlab process runs.
 */
class ExecTest extends RealJlabTest {
    static RunningContainer box;

    @BeforeAll
    static void startBox() {
        box = RunningContainer.start(jlab, state, "exec-box", "--hostname", "ebox", "busybox",
                "sh", "-c", "echo made-by-the-container > /made; exec sleep 1000");
    }

    @AfterAll
    static void stopBox() {
        if (box != null) box.stop();
    }

    @Test
    void exec_sees_the_containers_hostname_pid_namespace_and_root() {
        var r = jlab.run("exec", "exec-box", "sh", "-c", "hostname; cat /made; tr '\\0' ' ' < /proc/1/cmdline; echo; echo $$");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines()).hasSize(4);
        assertThat(r.lines().get(0)).isEqualTo("ebox");
        assertThat(r.lines().get(1)).isEqualTo("made-by-the-container");
        assertThat(r.lines().get(2).strip()).as("PID 1 is the container's sleep").isEqualTo("sleep 1000");
        assertThat(Long.parseLong(r.lines().get(3))).as("the exec'd shell: a pid of the container, not 1").isGreaterThan(1);
    }

    @Test
    void ps_inside_shows_only_the_containers_processes() {
        var r = jlab.run("exec", "exec-box", "ps", "-o", "pid,comm");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines()).hasSize(3); // the header, the sleep as PID 1, ps itself
        assertThat(r.lines().get(1).strip()).isEqualTo("1 sleep");
        assertThat(r.lines().get(2).strip()).endsWith(" ps");
    }

    @Test
    void exec_joins_every_namespace_and_the_cgroup_of_the_container() throws Exception {
        var r = jlab.run("exec", "exec-box", "sh", "-c",
                "for n in ipc uts net mnt pid cgroup; do readlink /proc/self/ns/$n; done; cat /proc/self/cgroup");
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String n : List.of("ipc", "uts", "net", "mnt", "pid", "cgroup")) {
            String containers = Files.readSymbolicLink(Path.of("/proc/" + box.initPid() + "/ns/" + n)).toString();
            assertThat(r.lines()).as(n).contains(containers);
        }
        // in the container's cgroup, which its cgroup namespace shows as "/"
        assertThat(r.lines().subList(6, r.lines().size())).allSatisfy(l -> assertThat(l).endsWith(":/"));
    }

    @Test
    void the_exit_code_is_the_commands() {
        assertThat(jlab.run("exec", "exec-box", "sh", "-c", "exit 7").exitCode()).isEqualTo(7);
        assertThat(jlab.run("exec", "exec-box", "true").exitCode()).isZero();
        var notFound = jlab.run("exec", "exec-box", "no-such-command");
        assertThat(notFound.exitCode()).isEqualTo(127);
        assertThat(notFound.err()).contains("executable file not found in $PATH");
    }

    @Test
    void env_workdir_and_user_apply() {
        var r = jlab.run("exec", "-e", "FOO=bar", "-w", "/tmp", "-u", "nobody", "exec-box", "sh", "-c",
                "echo $FOO; pwd; id -u; echo $HOSTNAME; grep CapEff /proc/self/status");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines()).containsExactly("bar", "/tmp", "65534", "ebox", "CapEff:\t0000000000000000");
    }

    @Test
    void a_root_exec_gets_dockers_default_capabilities_and_no_new_privs() {
        var r = jlab.run("exec", "exec-box", "grep", "-E", "^(CapEff|CapBnd|NoNewPrivs)", "/proc/self/status");
        assertThat(r.out()).contains("CapEff:\t00000000a80425fb").contains("CapBnd:\t00000000a80425fb")
                .contains("NoNewPrivs:\t1");
    }

    @Test
    void the_default_workdir_is_the_containers() {
        assertThat(jlab.run("exec", "exec-box", "pwd").out().strip()).isEqualTo("/");
    }

    @Test
    void input_reaches_the_command_with_i() {
        var r = jlab.runWithInput("hello from the host\n", "exec", "-i", "exec-box", "cat");
        assertThat(r.out()).isEqualTo("hello from the host\n");
        assertThat(jlab.runWithInput("ignored\n", "exec", "exec-box", "cat").out()).as("without -i: /dev/null").isEmpty();
    }

    @Test
    void exec_d_runs_the_command_in_the_background() throws Exception {
        var r = jlab.run("exec", "-d", "exec-box", "sh", "-c", "sleep 1; echo done > /tmp/bg");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        Path file = Path.of("/proc/" + box.initPid() + "/root/tmp/bg");
        for (int i = 0; i < 200 && !Files.exists(file); i++) Thread.sleep(50);
        assertThat(Files.readString(file)).isEqualTo("done\n");
    }

    @Test
    void explain_prints_the_plan_and_runs_nothing() {
        List<Long> helpers = HelperProcesses.of(state);
        var r = jlab.run("exec", "--explain", "exec-box", "touch", "/explained");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("nsenter -t " + box.initPid() + " -C -i -u -n -p -m")
                .contains("setns(open(\"/proc/" + box.initPid() + "/ns/mnt\"), CLONE_NEWNS)")
                .contains("fork()").contains("cgroup.procs").contains("capset");
        assertThat(Path.of("/proc/" + box.initPid() + "/root/explained")).doesNotExist();
        assertThat(HelperProcesses.of(state)).isEqualTo(helpers);
    }

    @Test
    void nothing_is_left_after_execs_no_helper_and_no_process_in_the_cgroup() throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        List<Long> helpers = HelperProcesses.of(state);
        assertThat(helpers).as("the container's own reaper").containsExactly(box.helperPid());
        for (int i = 0; i < 5; i++) assertThat(jlab.run("exec", "exec-box", "true").exitCode()).isZero();
        jlab.run("exec", "exec-box", "no-such-command");
        jlab.run("exec", "-u", "no-such-user", "exec-box", "true");
        assertThat(HelperProcesses.of(state)).isEqualTo(helpers);
        var top = jlab.run("top", "exec-box");
        assertThat(top.lines()).as(top.out()).hasSize(2); // the header and the sleep: every exec'd process is gone
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void exec_into_a_missing_container_fails_with_one_line_and_leaves_nothing() {
        HostSnapshot before = HostSnapshot.take(state);
        var r = jlab.run("exec", "no-such-box", "true");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines().toList()).containsExactly("jlab: No such container: no-such-box");
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void exec_into_a_stopped_container_fails_with_one_line_and_leaves_nothing() {
        RunningContainer gone = RunningContainer.start(jlab, state, "exec-gone", "busybox", "sleep", "1000");
        String id = RunningContainer.record(jlab, "exec-gone").path("id").asText();
        ProcessHandle.of(gone.initPid()).ifPresent(ProcessHandle::destroyForcibly);
        try {
            for (int i = 0; i < 200 && !"exited".equals(RunningContainer.record(jlab, "exec-gone").path("status").asText()); i++) {
                Thread.sleep(50);
            }
            HostSnapshot before = HostSnapshot.take(state);
            var r = jlab.run("exec", "exec-gone", "true");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err().lines().toList()).containsExactly("jlab: Container " + id + " is not running");
            assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            gone.stop();
        }
    }

    @Test
    void exec_needs_a_container_and_a_command() {
        var r = jlab.run("exec", "exec-box");
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.err().lines().toList()).hasSize(1).first().asString().contains("requires a container and a command");
    }

    @Test
    void an_execd_process_dies_with_its_container_and_exec_reports_137() throws Exception {
        RunningContainer doomed = RunningContainer.start(jlab, state, "exec-doomed", "busybox", "sleep", "1000");
        Process exec = jlab.builder(List.of("exec", "exec-doomed", "sleep", "1000")).start();
        try {
            for (int i = 0; i < 200 && jlab.run("top", "exec-doomed").lines().size() < 3; i++) Thread.sleep(50);
            assertThat(jlab.run("top", "exec-doomed").lines()).hasSize(3);
        } finally {
            // PID 1 gone, the kernel kills every other process of its PID namespace.
            doomed.stop();
        }
        assertThat(exec.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(exec.exitValue()).as("SIGKILL, as a shell reports it").isEqualTo(137);
        assertThat(HelperProcesses.of(state)).containsExactly(box.helperPid());
    }
}
