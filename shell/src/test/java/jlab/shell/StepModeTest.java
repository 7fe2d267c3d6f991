package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import jlab.engine.state.StateDir;
import jlab.kernel.syscall.Syscalls;

/**
 * Step mode on the real kernel: new, step, plan, undo, exec in the construction,
 * rm -f, each proven by what the kernel shows, and the host left as it was.
 */
class StepModeTest extends RealJlabTest {

    private static String hostHostname() { return Syscalls.get().gethostname(); }

    /** Runs a script of step-mode lines in one jlab (a construction lives as long as its jlab). */
    private static JlabProcess.Result script(String... lines) {
        return jlab.runWithInput(String.join("\n", lines) + "\n");
    }

    @Test
    void new_then_steps_give_the_construction_its_own_hostname_while_the_hosts_is_unchanged() {
        HostSnapshot before = HostSnapshot.take(state);
        String host = hostHostname();
        var r = script("new box", "step", "step --to unshare uts", "hostname box", "exec hostname", "rm -f box");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("box is under construction: 3 of ")
                .contains("  syscall: sethostname(\"box\", 3)\n  shell:   hostname box\n")
                .contains("hostname: " + host + " → box");
        assertThat(r.lines()).contains("box"); // what hostname printed, in the container's UTS namespace
        assertThat(hostHostname()).isEqualTo(host);
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void the_prompt_shows_the_steps_applied_and_rm_f_abandons_a_half_built_container_leaving_nothing() {
        HostSnapshot before = HostSnapshot.take(state);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Session session = new Session(new StateDir(state), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Cli cli = new Cli(session);
        try {
            assertThat(session.prompt()).isEqualTo("jlab> ");
            assertThat(cli.execute(List.of("new", "half"))).as(err.toString()).isZero();
            assertThat(session.prompt()).matches("jlab\\[half: 3/\\d+\\]> ");
            int total = Integer.parseInt(session.prompt().replaceAll(".*/(\\d+)\\]> ", "$1"));
            assertThat(cli.execute(List.of("step", "--to", "overlay", "rootfs"))).as(err.toString()).isZero();
            assertThat(session.prompt()).isNotEqualTo("jlab[half: 3/" + total + "]> ");
            assertThat(session.focus()).isPresent();
            assertThat(session.stepNames()).contains("unshare uts", "pivot-root", "hostname NAME");
            assertThat(cli.execute(List.of("plan"))).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("✓").contains("▶");
            assertThat(HostSnapshot.take(state).changesSince(before)).as("a construction makes things").isNotEmpty();
            assertThat(cli.execute(List.of("rm", "-f", "half"))).as(err.toString()).isZero();
            assertThat(session.prompt()).isEqualTo("jlab> ");
            assertThat(session.focus()).isEmpty();
            assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
        } finally {
            session.close();
        }
    }

    @Test
    void a_step_without_a_construction_or_a_second_new_is_refused_in_one_line() {
        var none = script("step");
        assertThat(none.exitCode()).isEqualTo(125);
        assertThat(none.err()).contains("no container under construction: new NAME first");
        var twice = script("new one", "new two");
        assertThat(twice.exitCode()).isEqualTo(125);
        assertThat(twice.err()).contains("container one is under construction already");
        assertThat(jlab.run("ps", "-a").out()).doesNotContain("one"); // the session's end abandoned it
    }

    /** One in-process session (its construction dies with it): the commands' output in memory. */
    private static final class InProcess implements AutoCloseable {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final Session session = new Session(new StateDir(state), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        final Cli cli = new Cli(session);

        int run(String... words) {
            err.reset();
            return cli.execute(List.of(words));
        }

        String err() { return err.toString(StandardCharsets.UTF_8); }

        String out() { return out.toString(StandardCharsets.UTF_8); }

        long pid() { return session.focus().orElseThrow().pid(); }

        @Override
        public void close() { session.close(); }
    }

    private static String nsLink(String pid, String ns) throws Exception {
        return Files.readSymbolicLink(Path.of("/proc", pid, "ns", ns)).toString();
    }

    @Test
    void pivot_root_out_of_order_is_refused_with_the_reason_and_the_plan_still_proceeds() {
        HostSnapshot before = HostSnapshot.take(state);
        try (InProcess p = new InProcess()) {
            assertThat(p.run("new", "early")).isZero();
            assertThat(p.run("pivot-root")).isEqualTo(125); // the shortcut: a step name as a command
            assertThat(p.err().strip()).isEqualTo("jlab: 'pivot-root' must come after 'overlay rootfs': pivot_root(2)"
                    + " needs the new root to be a mount point (EINVAL otherwise)");
            assertThat(p.run("step", "unshare", "utz")).isEqualTo(125);
            assertThat(p.err()).contains("did you mean 'unshare uts'?");
            assertThat(p.run("step")).as(p.err()).isZero();
            assertThat(p.session.prompt()).startsWith("jlab[early: 4/");
            assertThat(p.run("step", "--to", "pivot-root")).as(p.err()).isZero();
            assertThat(p.run("undo")).isEqualTo(125);
            assertThat(p.err()).contains("cannot undo 'pivot-root': the old root was unmounted");
            assertThat(p.run("step")).as("still consistent after the refusals: " + p.err()).isZero();
        }
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    /** The container's CPU quota file: cpu.max on v2, cpu.cfs_quota_us on v1. */
    private static Path cpuQuotaFile(String cgroup) {
        Path v2 = Path.of("/sys/fs/cgroup", cgroup, "cpu.max");
        return Files.exists(v2) ? v2 : Path.of("/sys/fs/cgroup/cpu", cgroup, "cpu.cfs_quota_us");
    }

    /**
     * 0.005 CPU is 500 µs per 100 ms period: jlab takes any positive number, the kernel wants at least
     * 1000 µs and refuses the write with EINVAL. The refusal reaches the student as one line, the
     * construction stays as it was, and the next step goes on.
     */
    @Test
    void a_step_the_kernel_refuses_is_one_line_with_its_errno_explained_and_the_next_step_succeeds() throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        try (InProcess p = new InProcess()) {
            assertThat(p.run("new", "refused")).as(p.err()).isZero();
            Path quota = cpuQuotaFile(p.session.focus().orElseThrow().cgroup());
            String quotaBefore = Files.readString(quota);
            String prompt = p.session.prompt();
            assertThat(p.run("cgroup", "cpus", "0.005")).isEqualTo(125);
            assertThat(p.err().lines()).hasSize(1).first().asString()
                    .startsWith("jlab: 'cgroup cpus 0.005' refused by the kernel: write(")
                    .contains(quota.getFileName() + ", \"500")
                    .contains("): EINVAL (Invalid argument) — the quota must be at least 1000 µs (or max)")
                    .endsWith(". The container is as it was before this step.");
            assertThat(Files.readString(quota)).as("the limit as it was").isEqualTo(quotaBefore);
            assertThat(p.session.prompt()).as("the step is not counted").isEqualTo(prompt);
            assertThat(p.run("step")).as(p.err()).isZero();
            assertThat(p.session.prompt()).startsWith("jlab[refused: 4/");
            assertThat(p.run("cgroup", "cpus", "0.5")).as("a quota the kernel takes: " + p.err()).isZero();
            assertThat(Files.readString(quota).strip()).startsWith("50000");
        }
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void a_script_goes_on_after_a_step_the_kernel_refuses_and_exits_with_125() throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        Path script = state.resolve("refused.jlab");
        Files.writeString(script, "new goeson\ncgroup cpus 0.005\nstep\nplan\nrm -f goeson\n");
        var r = jlab.run("script", "--keep-going", script.toString());
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.err().lines().filter(l -> l.startsWith("jlab: "))).singleElement().asString()
                .startsWith("jlab: refused.jlab:2: 'cgroup cpus 0.005' refused by the kernel: write(")
                .contains("EINVAL");
        assertThat(r.out()).as("the step after the refusal ran, and plan counts it")
                .containsPattern(": 4 of \\d+ steps applied");
        assertThat(jlab.run("ps", "-a").out()).doesNotContain("goeson");
        Files.delete(script);
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void ns_with_no_name_shows_the_construction_and_its_uts_namespace_once_unshared() throws Exception {
        try (InProcess p = new InProcess()) {
            assertThat(p.run("new", "seen")).as(p.err()).isZero();
            assertThat(p.run("ns")).as(p.err()).isZero();
            assertThat(p.out()).containsPattern("(?m)^uts +\\d+ +\\d+ +same$");
            assertThat(p.run("unshare", "uts")).as(p.err()).isZero();
            String uts = nsLink(Long.toString(p.pid()), "uts").replaceAll("\\D", "");
            int mark = p.out().length();
            assertThat(p.run("ns")).as(p.err()).isZero();
            assertThat(p.out().substring(mark)).containsPattern("(?m)^uts +" + uts + " +\\d+ +differs$");
        }
    }

    @Test
    void undo_of_unshare_uts_puts_the_process_back_in_the_hosts_uts_namespace() throws Exception {
        try (InProcess p = new InProcess()) {
            assertThat(p.run("new", "undoer")).isZero();
            assertThat(p.run("unshare", "uts")).as(p.err()).isZero();
            String pid = Long.toString(p.pid());
            assertThat(nsLink(pid, "uts")).isNotEqualTo(nsLink("self", "uts"));
            assertThat(p.run("undo")).as(p.err()).isZero();
            assertThat(nsLink(pid, "uts")).isEqualTo(nsLink("self", "uts"));
            assertThat(p.out()).contains("unshare uts undone: setns(");
            assertThat(p.run("undo")).isEqualTo(125);
            assertThat(p.err()).contains("nothing to undo");
        }
    }

    @Test
    void cgroup_memory_64m_writes_the_limit_on_the_containers_cgroup_and_undo_sets_it_back() throws Exception {
        try (InProcess p = new InProcess()) {
            assertThat(p.run("new", "limited")).isZero();
            String cgroup = p.session.focus().orElseThrow().cgroup();
            Path v2 = Path.of("/sys/fs/cgroup", cgroup, "memory.max");
            Path file = Files.exists(v2) ? v2 : Path.of("/sys/fs/cgroup/memory", cgroup, "memory.limit_in_bytes");
            String before = Files.readString(file).strip();
            assertThat(p.run("cgroup", "memory", "64m")).as(p.err()).isZero();
            assertThat(Files.readString(file).strip()).isEqualTo(Long.toString(64L << 20));
            assertThat(p.run("plan")).isZero();
            assertThat(p.out()).contains("cgroup memory 64m");
            assertThat(p.run("undo")).as(p.err()).isZero();
            assertThat(Files.readString(file).strip()).isEqualTo(before);
            assertThat(p.run("cgroup", "memory", "lots")).isEqualTo(125);
            assertThat(p.err()).contains("a size such as 64m");
        }
    }

    @Test
    void exec_ps_before_the_pid_namespace_lists_the_hosts_processes_and_after_pivot_root_only_the_containers() {
        long me = ProcessHandle.current().pid();
        var r = script("new seer", "exec ps -e -o pid=", "step --to pivot-root", "exec ps", "rm -f seer");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String out = r.out();
        String beforePivot = out.substring(0, out.indexOf("pivot-root ["));
        // the host's ps, in the host's namespaces: this test's own JVM is among the processes it lists
        assertThat(beforePivot.lines().map(String::strip)).contains(Long.toString(me));
        // after pivot-root: the container's busybox ps, reading the /proc its PID 1 mounted
        String afterPivot = out.substring(out.lastIndexOf("✓ pivot-root"));
        List<String> rows = afterPivot.lines().map(String::strip).filter(l -> l.matches("\\d+ .*")).toList();
        assertThat(rows).as("PID 1 (the helper) and ps itself, nothing of the host").hasSize(2);
        assertThat(rows.get(0)).startsWith("1 root").contains("jlab-helper");
        assertThat(rows.get(1)).startsWith("2 root").endsWith("ps");
    }

    @Test
    void step_all_runs_the_command_to_its_exit_code_and_keeps_the_record_as_run_does() {
        var r = script("new finisher -- sh -c 'echo from $(hostname); exit 3'", "step --all");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
        assertThat(r.lines()).contains("from finisher");
        assertThat(r.out()).contains("finisher: its command exited with code 3");
        assertThat(jlab.run("ps", "-a").out()).contains("Exited (3)").contains("finisher");
        assertThat(jlab.run("rm", "finisher").exitCode()).isZero();
    }

    @Test
    void a_jlab_killed_mid_construction_is_cleaned_by_gc() throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        Process p = jlab.builder(List.of()).start();
        var stdin = p.getOutputStream();
        stdin.write("new crashed\nstep --to pivot-root\nexec touch /built\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        // the construction has gone as far as pivot-root once exec's file shows in its upper directory
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!upperHas("built") && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(upperHas("built")).as("the construction got to pivot-root").isTrue();
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // kill -9 jlab: its helper dies with it
        assertThat(HostSnapshot.take(state).changesSince(before)).as("the record, cgroup and directory remain").isNotEmpty();
        var gc = jlab.run("gc");
        assertThat(gc.out()).contains("crashed");
        // The veth pair goes with the network namespace, which the kernel destroys in the background
        // (cleanup_net) after its last process died: on a loaded machine that can take some seconds.
        long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!HostSnapshot.take(state).changesSince(before).isEmpty() && System.nanoTime() < settle) Thread.sleep(200);
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    private static boolean upperHas(String file) throws Exception {
        Path containers = state.resolve("containers");
        if (!Files.isDirectory(containers)) return false;
        try (var dirs = Files.list(containers)) {
            return dirs.anyMatch(d -> Files.exists(d.resolve("upper").resolve(file)));
        }
    }
}
