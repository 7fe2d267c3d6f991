package jlab.labs.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

import jlab.labs.check.Status;

/** jlab.result/v1 read back: what lab check wrote comes back whole; anything else is refused with its reason. */
class ResultReaderTest {
    private final String json = Results.json("cgroup-pids", Status.PASS, Status.PARTIAL, Status.FAIL);

    @Test
    void reads_back_what_lab_check_wrote() {
        SubmittedResult r = ResultReader.read(json, "cgroup-pids");
        assertThat(r.lab()).isEqualTo("cgroup-pids");
        assertThat(r.labVersion()).isEqualTo(1);
        assertThat(r.score()).isEqualTo(2.0);
        assertThat(r.maxScore()).isEqualTo(6);
        assertThat(r.passed()).isFalse();
        assertThat(r.executionTime()).isEqualTo(0.03);
        assertThat(r.checks()).extracting(SubmittedResult.Check::id).containsExactly("c1", "c2", "c3");
        assertThat(r.checks()).extracting(SubmittedResult.Check::result).containsExactly("pass", "partial", "fail");
        assertThat(r.checks().get(2).output()).isEqualTo("seen fail\nHint: Look at /proc/2 <&> \"here\"");
        assertThat(r.checks().get(2).hints()).containsExactly("Look at /proc/2 <&> \"here\"");
    }

    private static Refusal refusal(String json, String lab) {
        return catchThrowableOfType(Refusal.class, () -> ResultReader.read(json, lab));
    }

    @Test
    void a_file_cut_short_is_truncated() {
        Refusal r = refusal(json.substring(0, json.length() / 2), null);
        assertThat(r.kind()).isEqualTo(Refusal.Kind.TRUNCATED);
        assertThat(r.reason()).startsWith("the JSON stops at byte");
        assertThat(refusal("", null).kind()).isEqualTo(Refusal.Kind.TRUNCATED);
    }

    @Test
    void another_schema_version_is_refused_by_name() {
        Refusal r = refusal(json.replace("jlab.result/v1", "jlab.result/v2"), null);
        assertThat(r.kind()).isEqualTo(Refusal.Kind.SCHEMA);
        assertThat(r.reason()).isEqualTo("schema \"jlab.result/v2\": this jlab reads \"jlab.result/v1\""
                + " (grade it with the jlab that made it, or re-check on the host)");
        assertThat(refusal("{\"score\": 5}", null).reason()).startsWith("no \"schema\": not a jlab result");
    }

    @Test
    void a_result_for_another_lab_is_refused() {
        Refusal r = refusal(json, "cgroup-memory");
        assertThat(r.kind()).isEqualTo(Refusal.Kind.WRONG_LAB);
        assertThat(r.reason()).isEqualTo("a result for lab 'cgroup-pids', not for 'cgroup-memory'");
    }

    @Test
    void a_missing_field_or_a_wrong_type_is_named_by_its_path() {
        assertThat(refusal(json.replaceFirst("\"max_score\" : 6,", ""), null).reason())
                .isEqualTo("max_score: missing (a whole number expected)");
        assertThat(refusal(json.replaceFirst("\"score\" : 1.0", "\"score\" : \"1\""), null).reason())
                .isEqualTo("tests[0].score: a number expected, found the string \"1\"");
        assertThat(refusal(json.replace("\"result\" : \"partial\"", "\"result\" : \"half\""), null).reason())
                .isEqualTo("tests[1].result: one of error, fail, partial, pass, skipped expected, found \"half\"");
        assertThat(refusal(json.replace("\"passed\" : false", "\"passed\" : \"no\""), null).reason())
                .isEqualTo("passed: true or false expected, found the string \"no\"");
        assertThat(refusal(json.replace("2026-12-02T10:00:00Z", "yesterday"), null).reason())
                .startsWith("started_at: a UTC time such as");
        assertThat(refusal(json, null)).isNull();
    }

    @Test
    void a_key_written_twice_or_text_after_the_json_is_malformed() {
        assertThat(refusal(json.replaceFirst("\"score\" : 2.0,", "\"score\" : 2.0, \"score\" : 6.0,"), null).kind())
                .isEqualTo(Refusal.Kind.MALFORMED);
        assertThatThrownBy(() -> ResultReader.read(json + "{}", null)).isInstanceOf(Refusal.class)
                .hasMessageStartingWith("not valid JSON");
    }
}
