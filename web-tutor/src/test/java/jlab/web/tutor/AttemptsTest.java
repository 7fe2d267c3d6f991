package jlab.web.tutor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.labs.check.Status;
import jlab.labs.model.Text;
import jlab.labs.run.CheckResult;
import jlab.labs.run.LabResult;

/** The history of Check: one JSON line per attempt, bounded, newest first, a cut line skipped. */
class AttemptsTest {
    @TempDir Path dir;

    private static LabResult result(double score, Instant at) {
        CheckResult own = new CheckResult("own-hostname", Text.both("own"), score >= 4 ? Status.PASS : Status.FAIL,
                Math.min(score, 4), 4, Text.both("m"), List.of(), List.of());
        CheckResult host = new CheckResult("host-unchanged", Text.both("host"), score >= 5 ? Status.PASS : Status.SKIPPED,
                Math.max(0, score - 4), 1, Text.both("m"), List.of(), List.of());
        return new LabResult("uts-namespace", 1, "jlab test", new LabResult.HostFacts("h", "k", "v1"), at, at, List.of(own, host));
    }

    @Test
    void each_attempt_is_one_line_and_progress_is_the_best_and_the_last() throws Exception {
        Attempts attempts = new Attempts(dir, 10);
        attempts.record("uts-namespace", result(0, Instant.parse("2026-12-02T10:00:00Z")));
        attempts.record("uts-namespace", result(5, Instant.parse("2026-12-02T10:01:00Z")));
        attempts.record("uts-namespace", result(4, Instant.parse("2026-12-02T10:02:00Z")));

        assertThat(Files.readAllLines(dir.resolve("uts-namespace.jsonl"))).hasSize(3).first().asString()
                .isEqualTo("{\"time\":\"2026-12-02T10:00:00Z\",\"score\":0.0,\"max\":5,"
                        + "\"statuses\":{\"own-hostname\":\"fail\",\"host-unchanged\":\"skipped\"}}");
        assertThat(attempts.of("uts-namespace")).extracting(Attempt::score).containsExactly(4.0, 5.0, 0.0);
        Progress p = attempts.progress("uts-namespace").orElseThrow();
        assertThat(p.best()).isEqualTo(5.0);
        assertThat(p.max()).isEqualTo(5);
        assertThat(p.passed()).isTrue();
        assertThat(p.last().time()).isEqualTo("2026-12-02T10:02:00Z");
        assertThat(attempts.progress("veth")).isEmpty();
    }

    @Test
    void the_file_keeps_only_the_last_attempts_past_its_bound() throws Exception {
        Attempts attempts = new Attempts(dir, 3);
        for (int i = 0; i < 7; i++) attempts.record("uts-namespace", result(i % 6, Instant.ofEpochSecond(1_800_000_000L + i)));
        assertThat(Files.readAllLines(dir.resolve("uts-namespace.jsonl"))).hasSize(3);
        assertThat(attempts.of("uts-namespace")).extracting(Attempt::score).containsExactly(0.0, 5.0, 4.0);
    }

    @Test
    void a_line_cut_short_by_a_crash_is_skipped_and_the_others_count() throws Exception {
        Attempts attempts = new Attempts(dir, 10);
        attempts.record("uts-namespace", result(5, Instant.parse("2026-12-02T10:00:00Z")));
        Files.writeString(dir.resolve("uts-namespace.jsonl"), "{\"time\":\"2026-12-02T10:0", StandardOpenOption.APPEND);
        assertThat(attempts.of("uts-namespace")).hasSize(1);
    }
}
