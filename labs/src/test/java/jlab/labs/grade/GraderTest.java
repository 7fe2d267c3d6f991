package jlab.labs.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jlab.labs.check.Status;
import jlab.labs.model.Lab;

/**
 * A folder of submissions with one of each problem: every problem has its
 * reason, nothing valid is lost, and the gradebook is the same bytes
 * whatever order the files were written in.
 */
class GraderTest {
    static final Roster ROSTER = Roster.of(Map.of("alice", "ta", "bob", "tb", "carol", "tc", "dave", "td"));
    static final Instant DEADLINE = Instant.parse("2026-12-02T12:00:00Z");
    /** The labs of the made-up results (Results.json): uts-namespace with 2 checks, cgroup-pids with 3. */
    static final Map<String, Lab> LABS = Map.of("uts-namespace", Results.lab("uts-namespace", 2), "cgroup-pids", Results.lab("cgroup-pids", 3));

    static Optional<Lab> lab(String id) { return Optional.ofNullable(LABS.get(id)); }
    @TempDir Path dir;

    static void write(Path dir, String name, byte[] bytes) throws IOException {
        Files.write(dir.resolve(name), bytes);
    }

    static byte[] sealed(String student, String token, String lab, Instant at, Status... statuses) {
        return SubmissionEnvelope.seal(student, Results.json(lab, statuses), at, token);
    }

    /** Writes the folder: 4 kept entries, and one file for each problem. */
    static void oneOfEach(Path dir, boolean reversed) throws IOException {
        Object[][] files = {
                {"alice-uts.json", sealed("alice", "ta", "uts-namespace", Instant.parse("2026-12-02T11:00:00Z"), Status.PASS, Status.PASS)},
                {"alice-pids.json", sealed("alice", "ta", "cgroup-pids", Instant.parse("2026-12-02T11:05:00Z"), Status.PASS, Status.FAIL, Status.SKIPPED)},
                {"bob-uts-1.json", sealed("bob", "tb", "uts-namespace", Instant.parse("2026-12-02T10:00:00Z"), Status.FAIL, Status.FAIL)},
                {"bob-uts-2.json", sealed("bob", "tb", "uts-namespace", Instant.parse("2026-12-02T11:30:00Z"), Status.PASS, Status.FAIL)},
                {"carol-uts.json", sealed("carol", "tc", "uts-namespace", Instant.parse("2026-12-02T14:05:30Z"), Status.PASS, Status.PASS)},
                {"dave-pids.json", cut(sealed("dave", "td", "cgroup-pids", Instant.parse("2026-12-02T11:00:00Z"), Status.PASS))},
                {"dave-uts.json", raised(sealed("dave", "td", "uts-namespace", Instant.parse("2026-12-02T11:00:00Z"), Status.FAIL, Status.FAIL))},
                {"eve-uts.json", sealed("eve", "te", "uts-namespace", Instant.parse("2026-12-02T11:00:00Z"), Status.PASS, Status.PASS)},
                {"notes.txt", "Submissions of group B\n".getBytes(StandardCharsets.UTF_8)},
        };
        if (reversed) java.util.Collections.reverse(Arrays.asList(files));
        for (Object[] f : files) write(dir, (String) f[0], (byte[]) f[1]);
    }

    static byte[] cut(byte[] b) { return Arrays.copyOf(b, b.length / 2); }

    /** The score edited by hand, 0 to 3 (the first check's points, to keep it plausible). */
    static byte[] raised(byte[] b) {
        return new String(b, StandardCharsets.UTF_8).replaceFirst("\"score\":0.0", "\"score\":3.0").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void every_problem_has_its_reason_and_nothing_valid_is_lost() throws IOException {
        oneOfEach(dir, false);
        Gradebook book = new Grader(ROSTER, DEADLINE, GraderTest::lab).grade(dir);
        assertThat(book.entries()).extracting(e -> e.student() + " " + e.lab() + " " + e.file()).containsExactly(
                "alice cgroup-pids alice-pids.json", "alice uts-namespace alice-uts.json",
                "bob uts-namespace bob-uts-2.json", "carol uts-namespace carol-uts.json");
        assertThat(book.problems()).extracting(GradeProblem::toString).containsExactly(
                "bob-uts-1.json: duplicate: bob sent uts-namespace again: this one (submitted 2026-12-02T10:00:00Z) is dropped,"
                        + " bob-uts-2.json (submitted 2026-12-02T11:30:00Z) is kept",
                "carol-uts.json: late: submitted 2026-12-02T14:05:30Z, 2h05m after the deadline 2026-12-02T12:00:00Z: kept, marked late",
                "dave-pids.json: truncated: the JSON stops at byte " + Files.size(dir.resolve("dave-pids.json"))
                        + " before it closes (a copy or an upload cut short?)",
                "dave-uts.json: tampered: the HMAC does not match the student's token (the file was changed after"
                        + " jlab lab submit wrote it, or signed with another token)",
                "eve-uts.json: unknown-student: student 'eve' is not in the roster: not graded",
                "notes.txt: malformed: not valid JSON at line 1, column 1: Unrecognized token 'Submissions'");
        assertThat(book.entries().get(3).lateBy()).hasSeconds(2 * 3600 + 5 * 60 + 30);
        assertThat(book.verified()).isTrue();
    }

    @Test
    void the_gradebook_is_the_same_bytes_whatever_the_order_the_files_came_in(@TempDir Path other) throws IOException {
        oneOfEach(dir, false);
        oneOfEach(other, true);
        Gradebook a = new Grader(ROSTER, DEADLINE, GraderTest::lab).grade(dir);
        Gradebook b = new Grader(ROSTER, DEADLINE, GraderTest::lab).grade(other);
        assertThat(GradebookCsv.write(b)).isEqualTo(GradebookCsv.write(a));
        assertThat(GradebookJson.write(b)).isEqualTo(GradebookJson.write(a));
        assertThat(JunitXml.write(b)).isEqualTo(JunitXml.write(a));
        assertThat(GradebookCsv.write(a)).isEqualTo("""
                student,lab,score,max,time,late,cgroup-pids/c1,cgroup-pids/c2,cgroup-pids/c3,uts-namespace/c1,uts-namespace/c2
                alice,cgroup-pids,1,6,2026-12-02T11:05:00Z,,1,0,0,,
                alice,uts-namespace,3,3,2026-12-02T11:00:00Z,,,,,1,2
                bob,uts-namespace,1,3,2026-12-02T11:30:00Z,,,,,1,0
                carol,uts-namespace,3,3,2026-12-02T14:05:30Z,2h05m,,,,1,2
                """);
    }

    /**
     * A result edited by hand and signed again with the student's own token,
     * as the student (who holds it) can: the HMAC verifies, the numbers must not.
     */
    static byte[] resigned(String lab, java.util.function.Consumer<ObjectNode> edit, Status... statuses) throws IOException {
        ObjectNode result = (ObjectNode) new ObjectMapper().readTree(Results.json(lab, statuses));
        edit.accept(result);
        return SubmissionEnvelope.seal("alice", result.toString(), Instant.parse("2026-12-02T11:00:00Z"), "ta");
    }

    private static ObjectNode test(ObjectNode result, int i) { return (ObjectNode) result.get("tests").get(i); }

    @Test
    void a_result_whose_numbers_do_not_add_up_or_whose_lab_is_not_this_jlabs_is_refused_with_the_reason() throws IOException {
        write(dir, "a-total-above-max.json", resigned("uts-namespace", r -> r.put("score", 99.0), Status.PASS, Status.PASS));
        write(dir, "b-not-the-sum.json", resigned("uts-namespace", r -> r.put("score", 3.0), Status.PASS, Status.FAIL));
        write(dir, "c-check-above-its-max.json", resigned("uts-namespace", r -> {
            test(r, 1).put("score", 5.0);
            r.put("score", 6.0);
        }, Status.PASS, Status.FAIL));
        write(dir, "d-passed-with-a-fail.json", resigned("uts-namespace", r -> r.put("passed", true), Status.PASS, Status.FAIL));
        write(dir, "e-status-passed-result-fail.json", resigned("uts-namespace", r -> test(r, 1).put("status", "passed"),
                Status.PASS, Status.FAIL));
        write(dir, "f-unknown-lab.json", resigned("escape-room", r -> { }, Status.PASS, Status.PASS));
        write(dir, "g-other-version.json", resigned("uts-namespace", r -> r.put("lab_version", 2), Status.PASS, Status.PASS));
        write(dir, "h-other-checks.json", resigned("uts-namespace", r -> test(r, 1).put("id", "c9"), Status.PASS, Status.PASS));
        write(dir, "i-worth-more.json", resigned("uts-namespace", r -> {
            test(r, 1).put("max_score", 5);
            r.put("max_score", 6);
        }, Status.PASS, Status.FAIL));
        write(dir, "z-clean.json", resigned("uts-namespace", r -> { }, Status.PASS, Status.PARTIAL));

        Gradebook book = new Grader(ROSTER, null, GraderTest::lab).grade(dir);

        assertThat(book.entries()).extracting(GradeEntry::file).containsExactly("z-clean.json");
        assertThat(book.problems()).extracting(GradeProblem::toString).containsExactly(
                "a-total-above-max.json: inconsistent: score 99 is more than max_score 3",
                "b-not-the-sum.json: inconsistent: score 3 is not the sum of the tests' scores (1)",
                "c-check-above-its-max.json: inconsistent: tests[1] (c2): score 5 is outside 0..2, its max_score",
                "d-passed-with-a-fail.json: inconsistent: passed is true, but not every test passed",
                "e-status-passed-result-fail.json: inconsistent: tests[1] (c2): status \"passed\" with result \"fail\" (passed is for pass only)",
                "f-unknown-lab.json: unknown-lab: lab 'escape-room' is not one of this jlab's labs (jlab lab list; an instructor's own: JLAB_LABS_DIR)",
                "g-other-version.json: unknown-lab: lab 'uts-namespace' version 2: this jlab has version 1, whose checks differ"
                        + " (grade it with the jlab that checked it, or ask for a new lab check)",
                "h-other-checks.json: unknown-lab: the checks [c1, c9] are not those of lab 'uts-namespace' version 1: [c1, c2]",
                "i-worth-more.json: inconsistent: tests[1] (c2): max_score 5, but the lab gives it 2");
    }

    @Test
    void statistics_say_how_many_the_mean_and_which_checks_fail_most() throws IOException {
        Instant t = Instant.parse("2026-12-02T11:00:00Z");
        write(dir, "a", sealed("alice", "ta", "cgroup-pids", t, Status.PASS, Status.PASS, Status.PASS));
        write(dir, "b", sealed("bob", "tb", "cgroup-pids", t, Status.PASS, Status.FAIL, Status.FAIL));
        write(dir, "c", sealed("carol", "tc", "cgroup-pids", t, Status.PASS, Status.PARTIAL, Status.FAIL));
        write(dir, "d", sealed("dave", "td", "cgroup-pids", t, Status.FAIL, Status.PASS, Status.ERROR));
        LabStatistics s = new Grader(ROSTER, null, GraderTest::lab).grade(dir).statistics().get(0);
        assertThat(s.lab()).isEqualTo("cgroup-pids");
        assertThat(s.students()).isEqualTo(4);
        // alice 6, bob 1, carol 1 + 1 = 2, dave 2 (its errored check is not at stake): mean 11/4
        assertThat(s.meanScore()).isEqualTo(2.75);
        assertThat(s.allPassed()).isEqualTo(1);
        assertThat(s.failing()).extracting(f -> f.id() + " " + f.notPassed()).containsExactly("c3 3", "c2 2", "c1 1");
    }

    @Test
    void a_file_too_big_for_a_submission_is_not_read(@TempDir Path d) throws IOException {
        try (var f = new java.io.RandomAccessFile(d.resolve("huge.json").toFile(), "rw")) {
            f.setLength(Grader.MAX_BYTES + 1); // sparse: no disk used
        }
        Gradebook book = new Grader(null, null, GraderTest::lab).grade(d);
        assertThat(book.problems()).extracting(GradeProblem::toString)
                .containsExactly("huge.json: malformed: 4096 KiB: too big for a submission (at most 4096 KiB; lab submit writes a few KiB)");
    }

    @Test
    void without_a_roster_nothing_is_verified_and_nothing_is_unknown() throws IOException {
        oneOfEach(dir, false);
        Gradebook book = new Grader(null, null, GraderTest::lab).grade(dir);
        assertThat(book.verified()).isFalse();
        assertThat(book.entries()).extracting(GradeEntry::student).containsExactly("alice", "alice", "bob", "carol", "eve");
        assertThat(book.problems()).extracting(GradeProblem::toString).contains(
                "dave-uts.json: inconsistent: score 3 is not the sum of the tests' scores (0)")
                .as("the score dave raised by hand no longer adds up: refused even without the tokens");
        assertThat(book.problems()).extracting(GradeProblem::kind)
                .containsExactly(Refusal.Kind.DUPLICATE, Refusal.Kind.TRUNCATED, Refusal.Kind.INCONSISTENT, Refusal.Kind.MALFORMED);
    }

    @Test
    void a_roster_line_that_is_not_student_comma_token_names_its_line(@TempDir Path d) throws IOException {
        Path f = d.resolve("roster.csv");
        Files.writeString(f, "student,token\nalice,ta\n\n# group B\nbob\n");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Roster.read(f)))
                .hasMessage(f + ":5: a line is student,token (the token is missing)");
        Files.writeString(f, "student,token\nalice,ta\nbob,tb\n");
        assertThat(Roster.read(f).token("bob")).contains("tb");
    }
}
