package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

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
        jlab.run("rm", "-f", "held");
    }

    @Test
    void ctrl_c_stops_logs_f_and_ctrl_d_offers_to_stop_what_the_session_started() {
        String cmd = String.join(" ", jlab.builder(List.of()).command().stream().map(a -> "'" + a + "'").toList());
        tmux = Tmux.start("env JLAB_STATE_DIR=" + state + " JLAB_HISTORY=" + state + "/history " + cmd + "; echo EXIT=$?; sleep 60", 120, 40);
        tmux.waitFor("jlab>", WAIT);
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
}
