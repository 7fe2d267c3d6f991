package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

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
        assertThat(r.out()).contains("box is under construction: 3 of ").contains("sethostname(\"box\", 3)")
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
}
