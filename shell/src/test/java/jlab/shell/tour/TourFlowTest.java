package jlab.shell.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.engine.state.StateDir;
import jlab.shell.Pause;
import jlab.shell.Session;

/**
 * The tour's control flow, without the kernel (TourTmuxTest and TourScriptModeTest run it on the real one):
 * which commands it types, and that every way of stopping ends with rm -f of its container and nothing after.
 */
class TourFlowTest {
    @TempDir Path state;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<String> typed = new ArrayList<>();
    private final TourTexts en = TourTexts.of(Language.EN);

    private Session session() {
        return new Session(new StateDir(state), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private String output() { return out.toString(StandardCharsets.UTF_8); }

    @Test
    void a_walk_types_every_stage_command_in_order_and_no_rm() {
        int code = new Tour(session(), en, Pause.NONE, words -> { typed.add(String.join(" ", words)); return 0; }, "box").run();
        assertThat(code).isZero();
        assertThat(typed).first().asString().startsWith("new box busybox --rm -- sh -c");
        assertThat(typed).contains("step unshare uts", "step hostname box", "step --to mount hosts files", "exec ps")
                .last().isEqualTo("step exec");
        assertThat(typed).noneMatch(l -> l.startsWith("rm "));
        assertThat(output()).contains("> step --to \"private mounts\"", en.get("next.title"));
    }

    @Test
    void q_at_the_third_pause_abandons_the_container() {
        int[] pauses = {0};
        Pause thirdStops = hint -> ++pauses[0] < 3;
        int code = new Tour(session(), en, thirdStops, words -> { typed.add(String.join(" ", words)); return 0; }, "box").run();
        assertThat(code).isZero();
        assertThat(typed).last().isEqualTo("rm -f box");
        assertThat(typed).doesNotContain("step --to unshare pid"); // stage 3 never ran
        assertThat(output()).contains(en.get("stopped"), en.get("cleanup", "box"));
    }

    @Test
    void q_at_the_intro_stops_before_anything_is_made_so_nothing_is_removed() {
        int code = new Tour(session(), en, hint -> false, words -> { typed.add(String.join(" ", words)); return 0; }, "box").run();
        assertThat(code).isZero();
        assertThat(typed).isEmpty();
    }

    @Test
    void ctrl_c_during_a_command_stops_the_tour_after_it_and_cleans_up_uninterrupted() {
        boolean[] interruptedDuringRm = {false};
        int code = new Tour(session(), en, Pause.NONE, words -> {
            String line = String.join(" ", words);
            typed.add(line);
            if (line.equals("step --to unshare pid")) Thread.currentThread().interrupt(); // what the REPL's Ctrl-C does
            if (line.startsWith("rm ")) interruptedDuringRm[0] = Thread.currentThread().isInterrupted();
            return 0;
        }, "box").run();
        assertThat(code).isZero();
        assertThat(typed).last().isEqualTo("rm -f box");
        assertThat(typed).doesNotContain("exec ps");
        assertThat(interruptedDuringRm[0]).as("rm -f runs with the interrupt cleared").isFalse();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void a_failing_command_stops_the_tour_with_its_code_and_removes_the_container() {
        int code = new Tour(session(), en, Pause.NONE, words -> {
            String line = String.join(" ", words);
            typed.add(line);
            return line.equals("step unshare ipc") ? 125 : 0;
        }, "box").run();
        assertThat(code).isEqualTo(125);
        assertThat(typed).last().isEqualTo("rm -f box");
        assertThat(output()).contains(en.get("failed", "step unshare ipc"));
    }

    @Test
    void a_new_that_fails_leaves_the_other_container_alone() {
        int code = new Tour(session(), en, Pause.NONE, words -> { typed.add(String.join(" ", words)); return words.get(0).equals("new") ? 125 : 0; }, "box").run();
        assertThat(code).isEqualTo(125);
        assertThat(typed).hasSize(1).noneMatch(l -> l.startsWith("rm "));
    }
}
