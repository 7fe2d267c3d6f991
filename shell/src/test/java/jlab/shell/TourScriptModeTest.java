package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import jlab.shell.tour.Language;
import jlab.shell.tour.TourTexts;

/**
 * The tour in script mode: its pauses read the next line of standard input, so a script (or a test) answers
 * them. q stops it, and so does the end of input; either way its container is abandoned and nothing stays.
 */
class TourScriptModeTest extends RealJlabTest {

    @Test
    void q_at_a_pause_stops_the_tour_and_removes_its_container() {
        HostSnapshot before = HostSnapshot.take(state);
        TourTexts en = TourTexts.of(Language.EN);
        // Enter after the intro, Enter after "new", q after the cgroup; then the script goes on.
        JlabProcess.Result r = jlab.runWithInput("tour --lang en --name tour-s\n\n\nq\nps -a\n");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(en.get("new.title"), en.get("cgroup.title")).doesNotContain(en.get("pid.title"))
                .contains(en.get("stopped"), "> rm -f tour-s", en.get("cleanup", "tour-s"));
        assertThat(r.out().substring(r.out().indexOf(en.get("cleanup", "tour-s")))).doesNotContainPattern("(?m)tour-s\\s*$");
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void the_end_of_input_at_a_pause_stops_the_tour_as_ctrl_d_does() {
        HostSnapshot before = HostSnapshot.take(state);
        TourTexts fr = TourTexts.of(Language.FR);
        JlabProcess.Result r = jlab.runWithInput("tour --lang fr --name tour-eof\n\n");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(fr.get("new.title"), fr.get("stopped"), fr.get("cleanup", "tour-eof"));
        assertThat(HostSnapshot.take(state).changesSince(before)).isEmpty();
    }

    @Test
    void a_wrong_language_is_one_line_and_exit_code_125() {
        JlabProcess.Result r = jlab.run("tour", "--lang", "de");
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.err().strip()).isEqualTo("jlab: tour --lang de: fr or en");
    }
}
