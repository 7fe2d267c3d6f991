package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
    private final String session = "jlab-prompt-test-" + ProcessHandle.current().pid();

    @BeforeAll
    static void requireTmux() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")),
                "requires tmux (apt-get install tmux): the test drives a real terminal");
    }

    @AfterEach
    void killTmux() throws Exception {
        new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor();
        jlab.run("rm", "-f", "held");
    }

    @Test
    void ctrl_c_stops_logs_f_and_ctrl_d_offers_to_stop_what_the_session_started() throws Exception {
        String cmd = String.join(" ", jlab.builder(List.of()).command().stream().map(a -> "'" + a + "'").toList());
        tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                "env JLAB_STATE_DIR=" + state + " JLAB_HISTORY=" + state + "/history " + cmd + "; echo EXIT=$?; sleep 60");
        awaitScreen("jlab>");
        tmux("send-keys", "-t", session, "run -d --name held busybox sh -c 'echo started; sleep 1000'", "Enter");
        tmux("send-keys", "-t", session, "logs -f held", "Enter");
        awaitScreen("\nstarted");
        tmux("send-keys", "-t", session, "C-c");
        tmux("send-keys", "-t", session, "jlab --version", "Enter");
        String screen = awaitScreen("jlab " + Cli.Version.get() + "\n");
        assertThat(screen).doesNotContain("EXIT=").doesNotContain("internal error");
        assertThat(jlab.run("ps", "--format", "json").out()).as("Ctrl-C stopped logs, not the container").contains("held");
        tmux("send-keys", "-t", session, "C-d");
        awaitScreen("Stop the container this session started (held)? [Y/n]");
        tmux("send-keys", "-t", session, "Enter");
        assertThat(awaitScreen("EXIT=")).contains("EXIT=0");
        assertThat(jlab.run("ps", "--format", "json").out()).as("stopped on yes").doesNotContain("held");
    }

    private static void tmux(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("tmux"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("tmux " + String.join(" ", args) + ": " + out).isZero();
    }

    private String awaitScreen(String text) throws Exception {
        String screen = "";
        for (int i = 0; i < 200; i++) {
            Process p = new ProcessBuilder("tmux", "capture-pane", "-p", "-t", session).start();
            screen = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            if (screen.contains(text)) return screen;
            Thread.sleep(100);
        }
        throw new AssertionError("the screen never showed \"" + text + "\":\n" + screen);
    }
}
