package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.engine.state.StateDir;

/**
 * Step mode at the prompt, without a terminal (STYLE.md #8) but on the real kernel: a JLine DumbTerminal
 * types the lines a student types, the Repl reads them as it reads a person's, and the construction is
 * real. The prompt follows the construction; a step out of order is refused in one line and the prompt
 * goes on; {@code rm -f} leaves the host as it was.
 */
class ReplStepModeTest extends RealJlabTest {
    @TempDir Path home;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    /** Runs a Repl on {@code keys}, on a dumb terminal, then ends its session; returns its exit status. */
    private int type(String keys) throws IOException {
        Session session = new Session(new StateDir(state), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        try (Terminal terminal = new DumbTerminal("test", "dumb", new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)),
                screen, StandardCharsets.UTF_8)) {
            return new Repl(new Cli(session), session, terminal).history(home.resolve("history")).run();
        } finally {
            session.close();
        }
    }

    private static String text(ByteArrayOutputStream s) { return s.toString(StandardCharsets.UTF_8); }

    @Test
    void the_prompt_follows_the_construction_a_step_out_of_order_is_refused_and_the_prompt_goes_on() throws IOException {
        HostSnapshot before = HostSnapshot.take(state);
        int code = type("new box\nunshare uts\npivot-root\nplan\nrm -f box\n--version\n");
        assertThat(code).as(text(err)).isZero();
        // A dumb terminal does not echo the keys: the screen is the prompts, one per line read. Before new; after
        // new (3 steps: directories, cgroup, helper); after unshare uts, after the refused pivot-root (still 4),
        // after plan; after rm -f and after --version, plain again.
        assertThat(text(screen)).containsPattern("jlab> jlab\\[box: 3/(\\d+)\\]> jlab\\[box: 4/\\1\\]> jlab\\[box: 4/\\1\\]>"
                + " jlab\\[box: 4/\\1\\]> jlab> jlab> $");
        assertThat(text(err).lines()).containsExactly("jlab: 'pivot-root' must come after 'overlay rootfs': pivot_root(2)"
                + " needs the new root to be a mount point (EINVAL otherwise)");
        assertThat(text(out)).as("after the refusal: plan, then rm -f, then --version")
                .containsPattern("box \\(busybox\\): 4 of \\d+ steps applied")
                .contains("✓ unshare uts")
                .endsWith("jlab " + Cli.Version.get() + "\n");
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void leaving_with_a_construction_says_that_it_removes_it_and_does() throws IOException {
        HostSnapshot before = HostSnapshot.take(state);
        assertThat(type("new left\nunshare uts\n")).as(text(err)).isZero(); // then the input ends, as Ctrl-D ends it
        assertThat(text(screen)).containsPattern("left is under construction \\(4/\\d+ steps\\): leaving removes it\\."
                + " Press Enter to remove it and leave, or Ctrl-C to stay\\. $");
        assertThat(text(out).lines()).as("rm -f's line: removed").last().isEqualTo("left");
        assertThat(jlab.run("ps", "-a").out()).doesNotContain("left");
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }
}
