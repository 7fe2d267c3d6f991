package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The prompt in a real terminal (tmux): Ctrl-C stops a Java-side command
 * ({@code logs -f}) and the prompt comes back; Ctrl-D offers to stop the
 * container this session started, and Enter (yes) stops it.
 */
class PromptTerminalTest extends RealJlabTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private Tmux tmux;

    @BeforeAll
    static void requireTmux() {
        Tmux.assumeInstalled();
    }

    @AfterEach
    void killTmux() {
        if (tmux != null) tmux.close();
        jlab.run("rm", "-f", "held", "built");
    }

    /** jlab's prompt in tmux, with this class's state directory; "EXIT=CODE" shows once it has left. */
    private Tmux prompt() {
        String cmd = String.join(" ", jlab.builder(List.of()).command().stream().map(a -> "'" + a + "'").toList());
        Tmux t = Tmux.start("env JLAB_STATE_DIR=" + state + " JLAB_HISTORY=" + state + "/history " + cmd + "; echo EXIT=$?; sleep 60", 120, 40);
        t.waitFor("jlab>", WAIT);
        return t;
    }

    @Test
    void ctrl_c_stops_logs_f_and_ctrl_d_offers_to_stop_what_the_session_started() {
        tmux = prompt();
        tmux.sendKeys("run -d --name held busybox sh -c 'echo started; sleep 1000'", "Enter");
        tmux.sendKeys("logs -f held", "Enter");
        tmux.waitFor("\nstarted", WAIT);
        tmux.sendKeys("C-c");
        tmux.sendKeys("jlab --version", "Enter");
        String screen = tmux.waitFor("jlab " + Cli.Version.get() + "\n", WAIT);
        assertThat(screen).doesNotContain("EXIT=").doesNotContain("internal error");
        assertThat(jlab.run("ps", "--format", "json").out()).as("Ctrl-C stopped logs, not the container").contains("held");
        tmux.sendKeys("C-d");
        tmux.waitFor("Stop the container this session started (held)? [Y/n]", WAIT);
        tmux.sendKeys("Enter");
        assertThat(tmux.waitFor("EXIT=", WAIT)).contains("EXIT=0");
        assertThat(jlab.run("ps", "--format", "json").out()).as("stopped on yes").doesNotContain("held");
    }

    @Test
    void ctrl_d_during_a_construction_says_leaving_removes_it_ctrl_c_stays_and_enter_removes_it() {
        HostSnapshot before = HostSnapshot.take(state);
        tmux = prompt();
        tmux.sendKeys("new built", "Enter");
        tmux.waitFor("jlab[built: 3/", WAIT);
        tmux.sendKeys("unshare uts", "Enter");
        tmux.waitFor("jlab[built: 4/", WAIT);
        tmux.sendKeys("C-d");
        Pattern offer = Pattern.compile("built is under construction \\(4/\\d+ steps\\): leaving removes it\\."
                + " Press Enter to remove it and leave, or Ctrl-C to stay\\.");
        tmux.waitFor(offer, WAIT);
        tmux.sendKeys("C-c"); // stay: the construction is as it was
        tmux.waitForCount("jlab[built: 4/", 2, WAIT); // the prompt again, after the offer
        assertThat(jlab.run("ps", "-a").out()).as("still under construction").contains("built");
        tmux.sendKeys("C-d");
        tmux.waitForCount("leaving removes it", 2, WAIT); // asked again
        tmux.sendKeys("Enter");
        assertThat(tmux.waitFor("EXIT=", WAIT)).contains("EXIT=0").doesNotContain("internal error");
        assertThat(jlab.run("ps", "-a").out()).as("removed on Enter").doesNotContain("built");
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }
}
