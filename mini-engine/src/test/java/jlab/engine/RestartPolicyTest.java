package jlab.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RestartPolicyTest {
    @Test
    void on_failure_n_restarts_a_failing_command_n_times_and_never_a_successful_one() {
        RestartPolicy p = RestartPolicy.parse("on-failure:2");
        assertThat(p.shouldRestart(1, 0)).isTrue();
        assertThat(p.shouldRestart(1, 1)).isTrue();
        assertThat(p.shouldRestart(1, 2)).isFalse();
        assertThat(p.shouldRestart(0, 0)).isFalse();
        assertThat(RestartPolicy.parse("on-failure").shouldRestart(1, 1000)).isTrue();
    }

    @Test
    void always_restarts_whatever_the_code_and_no_never() {
        assertThat(RestartPolicy.parse("always").shouldRestart(0, 50)).isTrue();
        assertThat(RestartPolicy.parse("no").shouldRestart(1, 0)).isFalse();
    }

    @Test
    void the_back_off_doubles_from_100_ms_and_is_capped() {
        RestartPolicy p = RestartPolicy.parse("always");
        assertThat(p.delayMillis(0)).isEqualTo(100);
        assertThat(p.delayMillis(1)).isEqualTo(200);
        assertThat(p.delayMillis(30)).isEqualTo(2000);
    }

    @Test
    void bad_policies_are_refused_in_one_line() {
        assertThatThrownBy(() -> RestartPolicy.parse("sometimes")).hasMessageContaining("no, on-failure[:N] or always");
        assertThatThrownBy(() -> RestartPolicy.parse("on-failure:x")).hasMessageContaining("must be a number");
        assertThatThrownBy(() -> RestartPolicy.parse("always:3")).hasMessageContaining("only for on-failure");
    }
}
