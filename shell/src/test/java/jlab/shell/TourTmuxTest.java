package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jlab.shell.tour.Language;
import jlab.shell.tour.Stage;
import jlab.shell.tour.Stages;
import jlab.shell.tour.TourTexts;

/**
 * The tour end to end, in a real terminal: jlab's prompt in tmux, {@code tour} typed, Enter pressed at each
 * pause, the screen read as a student reads it. Once in French, chosen by the locale (LANG), walked to its
 * summary; once in English (--lang), stopped half-way with q: the prompt comes back and the host is as it was.
 */
class TourTmuxTest extends RealJlabTest {
    private static final Duration STAGE = Duration.ofSeconds(30);

    @BeforeAll
    static void requireTmux() {
        Tmux.assumeInstalled();
    }

    /**
     * jlab's prompt, in tmux, with LANG={@code lang} and no LC_ALL or LC_MESSAGES to override it. (This machine
     * may have no French locale installed, in which case the C library falls back to ASCII: the JVM is told
     * UTF-8 outright, as a French desktop's locale would tell it.)
     */
    private static Tmux prompt(String lang) {
        List<String> cmd = new ArrayList<>(List.of("env", "-u", "LC_ALL", "-u", "LC_MESSAGES", "LANG=" + lang,
                "JLAB_STATE_DIR=" + state));
        List<String> java = new ArrayList<>(jlab.builder(List.of()).command());
        java.addAll(1, List.of("-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8", "-Dsun.stderr.encoding=UTF-8"));
        cmd.addAll(java);
        String line = String.join(" ", cmd.stream().map(a -> "'" + a + "'").toList());
        Tmux t = Tmux.start(line, 120, 40);
        t.waitFor("jlab> ", Duration.ofSeconds(20));
        return t;
    }

    @Test
    void the_tour_in_french_by_locale_walks_every_stage_to_the_summary_and_leaves_nothing() throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        TourTexts fr = TourTexts.of(Language.FR);
        List<Stage> stages = Stages.forContainer("tour");
        String hint = fr.get("pause");
        try (Tmux t = prompt("fr_FR.UTF-8")) {
            t.sendKeys("tour", "Enter");
            // The intro's pause, then one after each stage but the last (exec).
            for (int pause = 1; pause <= stages.size(); pause++) {
                String screen = t.waitForCount(hint, pause, STAGE);
                if (pause > 1) assertThat(screen).contains(fr.get(stages.get(pause - 2).key() + ".title"));
                t.sendKeys("Enter");
            }
            String screen = t.waitFor(fr.get("next.title"), STAGE);
            screen = t.waitFor(Pattern.compile(Pattern.quote(fr.get("next.text").substring(0, 40)) + "(?s).*\\njlab> "), STAGE);
            for (Stage s : stages) assertThat(screen).contains(fr.get(s.key() + ".title"));
            String hostName = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            assertThat(screen)
                    .as("the typed commands, after the prompt of the construction")
                    .containsPattern("jlab\\[tour: \\d+/\\d+\\]> step unshare uts")
                    .as("exec hostname: the host's name before the UTS namespace, the container's after")
                    .containsPattern("(?m)^" + Pattern.quote(hostName) + "$")
                    .containsPattern("(?m)^tour$")
                    .as("the container's command is PID 1, in the container named tour")
                    .contains("I am PID 1 on tour")
                    .as("the summary: its namespaces, its memory limit, its address on eth0, its root")
                    .contains(fr.get("summary.title"))
                    .containsPattern("ses propres namespaces : [a-z ]*uts")
                    .contains("limite de mémoire 64MiB")
                    .containsPattern("son adresse : \\d+\\.\\d+\\.\\d+\\.\\d+/\\d+ sur eth0")
                    .contains("sa racine : overlay");
            // After pivot_root, ps sees the container's /proc: PID 1 and ps, nothing of the host.
            String afterPivot = screen.substring(screen.indexOf("> step mask paths"), screen.indexOf(fr.get("privileges.title")));
            assertThat(afterPivot).containsPattern("(?m)^\\s+1 root ").doesNotContain("kworker");
            String beforePivot = screen.substring(screen.indexOf(fr.get("pid.title")), screen.indexOf(fr.get("mounts.title")));
            assertThat(beforePivot).as("exec ps with a PID namespace but the host's /proc").contains("kworker");
            t.sendKeys("exit", "Enter");
        }
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void q_stops_the_tour_half_way_the_prompt_comes_back_and_the_host_is_clean() throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        TourTexts en = TourTexts.of(Language.EN);
        List<Stage> stages = Stages.forContainer("tour-q");
        try (Tmux t = prompt("C.UTF-8")) {
            t.sendKeys("tour --lang en --name tour-q", "Enter");
            for (int pause = 1; pause <= 5; pause++) {
                t.waitForCount(en.get("pause"), pause, STAGE);
                t.sendKeys("Enter");
            }
            t.waitForCount(en.get("pause"), 6, STAGE); // after stage 5, UTS: the container has a hostname of its own
            t.sendKeys("q", "Enter");
            String screen = t.waitFor(Pattern.compile(Pattern.quote(en.get("cleanup", "tour-q")) + "\\s*\\njlab> "), STAGE);
            assertThat(screen).contains(en.get(stages.get(4).key() + ".title")).doesNotContain(en.get(stages.get(5).key() + ".title"))
                    .contains(en.get("stopped")).containsPattern("jlab\\[tour-q: \\d+/\\d+\\]> rm -f tour-q");
            // Nothing is left while the REPL still runs: the stop cleaned up, not the end of the session.
            assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
            t.sendKeys("ps -a", "Enter");
            String ps = t.waitFor(Pattern.compile("jlab> ps -a\\n(?s).*CONTAINER ID.*?\\njlab> "), STAGE);
            assertThat(ps.substring(ps.lastIndexOf("jlab> ps -a"))).doesNotContainPattern("(?m)tour-q\\s*$");
            t.sendKeys("exit", "Enter");
        }
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void ctrl_c_or_ctrl_d_at_a_pause_stops_the_tour_and_the_repl_lives_on() throws Exception {
        HostSnapshot before = HostSnapshot.take(state);
        TourTexts en = TourTexts.of(Language.EN);
        try (Tmux t = prompt("C.UTF-8")) {
            t.sendKeys("tour --lang en --name tour-c", "Enter");
            t.waitForCount(en.get("pause"), 1, STAGE);
            t.sendKeys("Enter");
            t.waitForCount(en.get("pause"), 2, STAGE); // after new: the helper exists
            t.sendKeys("C-c");
            t.waitFor(Pattern.compile(Pattern.quote(en.get("cleanup", "tour-c")) + "\\s*\\njlab> "), STAGE);
            assertThat(HostSnapshot.take(state).changesSince(before)).as("after Ctrl-C").isEmpty();
            t.sendKeys("tour --lang en --name tour-d", "Enter");
            t.waitForCount(en.get("pause"), 3, STAGE);
            t.sendKeys("Enter");
            t.waitForCount(en.get("pause"), 4, STAGE);
            t.sendKeys("C-d");
            String screen = t.waitFor(Pattern.compile(Pattern.quote(en.get("cleanup", "tour-d")) + "\\s*\\njlab> "), STAGE);
            assertThat(Tmux.count(screen, en.get("stopped"))).isEqualTo(2);
            assertThat(HostSnapshot.take(state).changesSince(before)).as("after Ctrl-D").isEmpty();
            t.sendKeys("exit", "Enter");
        }
    }
}
