package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code jlab run -it}: a real terminal (tmux) types into a shell inside the
 * container and reads the screen, as a person would.
 */
class TerminalTest extends RealJlabTest {
    private final String session = "jlab-test-" + ProcessHandle.current().pid();

    @BeforeAll
    static void requireTmux() {
        Tmux.assumeInstalled();
    }

    @AfterEach
    void killTmux() throws Exception {
        new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor();
    }

    @Test
    void an_interactive_shell_gets_a_terminal_of_the_windows_size_and_its_exit_code_comes_back() throws Exception {
        String cmd = String.join(" ", jlab.builder(List.of("run", "-it", "--rm", "--hostname", "tty-box", "busybox", "sh"))
                .command().stream().map(a -> "'" + a + "'").toList());
        tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30",
                "env JLAB_STATE_DIR=" + state + " " + cmd + "; echo EXIT=$?; sleep 60");
        awaitScreen("/ #");
        // stty size needs a terminal on fd 0 (TIOCGWINSZ). The marker is awaited as printed, not as typed.
        tmux("send-keys", "-t", session, "echo $((6*7)) $(hostname); stty size; echo end-of-\"\"output", "Enter");
        String screen = awaitScreen("end-of-output");
        assertThat(screen).contains("42 tty-box").contains("30 100");
        tmux("send-keys", "-t", session, "exit 5", "Enter");
        assertThat(awaitScreen("EXIT=")).contains("EXIT=5");
    }

    @Test
    void ctrl_c_interrupts_the_command_inside_not_jlab() throws Exception {
        String cmd = String.join(" ", jlab.builder(List.of("run", "-it", "--rm", "busybox", "sh"))
                .command().stream().map(a -> "'" + a + "'").toList());
        tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30",
                "env JLAB_STATE_DIR=" + state + " " + cmd + "; echo EXIT=$?; sleep 60");
        awaitScreen("/ #");
        tmux("send-keys", "-t", session, "sleep 100", "Enter");
        Thread.sleep(500);
        tmux("send-keys", "-t", session, "C-c");
        tmux("send-keys", "-t", session, "echo still-here", "Enter");
        assertThat(awaitScreen("still-here\n")).doesNotContain("EXIT=");
        tmux("send-keys", "-t", session, "exit", "Enter");
        assertThat(awaitScreen("EXIT=")).contains("EXIT=0"); // the shell lived on: exit returns echo's status
    }

    @Test
    void exec_it_gives_a_shell_inside_a_running_container_a_terminal() throws Exception {
        try (RunningContainer box = RunningContainer.start(jlab, state, "tty-exec", "--hostname", "exec-tty", "busybox",
                "sleep", "1000")) {
            String cmd = String.join(" ", jlab.builder(List.of("exec", "-it", "tty-exec", "sh"))
                    .command().stream().map(a -> "'" + a + "'").toList());
            tmux("new-session", "-d", "-s", session, "-x", "90", "-y", "25",
                    "env JLAB_STATE_DIR=" + state + " " + cmd + "; echo EXIT=$?; sleep 60");
            awaitScreen("/ #");
            tmux("send-keys", "-t", session, "echo $((6*7)) $(hostname) $$; stty size; tty", "Enter");
            String screen = awaitScreen("/dev/pts/");
            // A terminal of the container's own devpts, found by name inside (ttyname), as Docker's.
            assertThat(screen).contains("42 exec-tty").contains("25 90").contains("/dev/pts/0");
            assertThat(screen).as("the shell is not PID 1: the sleep is").containsPattern("42 exec-tty ([2-9]|[1-9][0-9]+)\\s");
            tmux("send-keys", "-t", session, "exit 4", "Enter");
            assertThat(awaitScreen("EXIT=")).contains("EXIT=4");
        }
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
        for (int i = 0; i < 150; i++) {
            Process p = new ProcessBuilder("tmux", "capture-pane", "-p", "-t", session).start();
            screen = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            if (screen.contains(text)) return screen;
            Thread.sleep(100);
        }
        throw new AssertionError("the screen never showed \"" + text + "\":\n" + screen);
    }
}
