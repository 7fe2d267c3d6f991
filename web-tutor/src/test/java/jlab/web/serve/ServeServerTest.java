package jlab.web.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jlab.labs.check.Status;
import jlab.labs.grade.SubmissionEnvelope;
import jlab.web.WebServer;
import jlab.web.db.Accounts;
import jlab.web.db.Database;
import jlab.web.db.Labs;
import jlab.web.db.Role;
import jlab.web.db.TestDatabase;

/** jlab serve on a real port and a real H2 file, spoken to over HTTP like a browser and like jlab lab submit. */
class ServeServerTest {
    static final String PROF_PASSWORD = "correct horse battery";
    static final Instant T0 = Instant.parse("2026-12-02T15:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;
    private final MutableClock clock = new MutableClock(T0);
    private final Passwords passwords = new Passwords(1000); // the real count is tested in PasswordsTest; logins here must be quick
    private TestDatabase testDb;
    private Database db;
    private ServeServer server;
    private String base;

    @BeforeEach
    void start() {
        on(TestDatabase.H2);
    }

    /**
     * The server on a fresh database of this kind: the H2 file, or a schema of its own in PostgreSQL (skipped
     * without it, failed when required: TestDatabase). The intake, gradebook and export tests run on both.
     */
    private void on(String kind) {
        if (server != null) stop();
        testDb = TestDatabase.open(kind, dir);
        db = testDb.db;
        new Accounts(db).create("prof", Role.INSTRUCTOR, passwords.hash(PROF_PASSWORD), false, T0);
        new Accounts(db).create("ta", Role.ASSISTANT, passwords.hash("assistant password"), false, T0);
        server = ServeServer.start(db, WebServer.Options.loopback(0), new ServeServer.Settings(clock, passwords,
                new LoginThrottle(5, Duration.ofMinutes(1), clock), false, Results.LABS));
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        if (server == null) return;
        server.close();
        server = null;
        try {
            testDb.close();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot drop the test's schema", e);
        }
    }

    private Browser prof() throws Exception {
        Browser b = new Browser(base);
        assertThat(b.login("prof", PROF_PASSWORD).statusCode()).isEqualTo(303);
        return b;
    }

    /** Imports alice, bob and carol; their tokens, read off the page that shows them once. */
    private Map<String, String> roster(Browser prof) throws Exception {
        prof.get("/roster");
        HttpResponse<String> r = prof.upload("/roster/import", "roster", "class.csv", ("student,name,email\n"
                + "alice,Alice Martin,alice@uni.example\nbob,Bob Durand,bob@uni.example\ncarol,\"Carol, C.\",carol@uni.example\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        Matcher m = Pattern.compile("<tr><td>([a-z]+)</td><td><code>([A-Za-z0-9_-]{43})</code></td></tr>").matcher(r.body());
        while (m.find()) tokens.put(m.group(1), m.group(2));
        assertThat(tokens).containsOnlyKeys("alice", "bob", "carol");
        return tokens;
    }

    private HttpResponse<String> submit(String token, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/submissions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return new Browser(base).send(b);
    }

    @Test
    void the_right_password_opens_the_dashboard_and_a_wrong_one_is_401() throws Exception {
        Browser b = new Browser(base);
        assertThat(b.get("/gradebook").headers().firstValue("Location")).hasValue("/login");
        HttpResponse<String> wrong = b.login("prof", "not it");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("id=\"login-error\"").contains("wrong name or password");
        HttpResponse<String> unknown = b.login("nobody", "not it");
        assertThat(unknown.body()).contains("wrong name or password");

        HttpResponse<String> ok = b.login("prof", PROF_PASSWORD);
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(ok.headers().firstValue("Set-Cookie").orElse("")).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
        HttpResponse<String> home = b.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("id=\"progress-chart\"").contains("uPlot.iife.min.js").contains("id=\"whoami\">prof (instructor)");
    }

    @Test
    void five_failed_logins_in_a_minute_get_429_with_when_to_retry() throws Exception {
        Browser b = new Browser(base);
        for (int i = 0; i < 5; i++) assertThat(b.login("prof", "guess " + i).statusCode()).isEqualTo(401);
        HttpResponse<String> blocked = b.login("prof", PROF_PASSWORD);
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(blocked.body()).contains("try again in 60 s");
        // From another address the account is still locked (per account), and after the minute it opens again.
        clock.advance(Duration.ofSeconds(61));
        assertThat(b.login("prof", PROF_PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void a_form_without_the_csrf_token_is_403_and_so_is_a_login_without_the_login_page() throws Exception {
        Browser prof = prof();
        HttpResponse<String> forged = prof.post("/labs/deadline", Map.of("lab", "uts-namespace", "deadline", "2026-12-03T00:00:00Z"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("security token");
        assertThat(new Labs(db).deadlines()).isEmpty();

        Browser fresh = new Browser(base);
        HttpResponse<String> noSession = fresh.post("/login", Map.of("username", "prof", "password", PROF_PASSWORD));
        assertThat(noSession.statusCode()).isEqualTo(403);
        assertThat(noSession.body()).contains("open the login page first");
    }

    @Test
    void a_one_time_password_must_be_changed_before_anything_else() throws Exception {
        FirstInstructor.Made made = FirstInstructor.ensure(new Accounts(db), passwords, "head", clock).orElseThrow();
        Browser b = new Browser(base);
        assertThat(b.login("head", made.password()).statusCode()).isEqualTo(303);
        assertThat(b.get("/gradebook").headers().firstValue("Location")).hasValue("/account/password");
        HttpResponse<String> page = b.get("/account/password");
        assertThat(page.body()).contains("id=\"must-change\"");
        HttpResponse<String> tooShort = b.post("/account/password", Map.of("current", made.password(), "new", "short", "repeat", "short", "_csrf", b.csrf));
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(tooShort.body()).contains("shorter than 12");
        String mine = "a long new password";
        assertThat(b.post("/account/password", Map.of("current", made.password(), "new", mine, "repeat", mine, "_csrf", b.csrf)).statusCode()).isEqualTo(303);
        assertThat(b.get("/gradebook").statusCode()).isEqualTo(200);
        assertThat(new Browser(base).login("head", made.password()).statusCode()).isEqualTo(401);
        assertThat(new Browser(base).login("head", mine).statusCode()).isEqualTo(303);
    }

    @Test
    void a_roster_with_bad_rows_reports_each_with_its_line_and_imports_the_good_ones() throws Exception {
        Browser prof = prof();
        prof.get("/roster");
        String csv = "student,name,email\n"
                + "alice,Alice,alice@uni.example\n"   // line 2: good
                + "bad name,Bad,bad@uni.example\n"     // line 3: not a student name
                + "bob,Bob\n"                          // line 4: no email
                + "alice,Alice again,a2@uni.example\n" // line 5: twice
                + "dave,Dave,not-an-email\n"           // line 6
                + "erin,,erin@uni.example\n"           // line 7: no name
                + "frank,Frank,frank@uni.example\n";   // line 8: good
        HttpResponse<String> r = prof.upload("/roster/import", "roster", "class.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("id=\"import-summary\">2 added, 0 already there")
                .contains("<li>line 3: &#39;bad name&#39; is not a student name")
                .contains("<li>line 4: no email")
                .contains("<li>line 5: alice is listed twice")
                .contains("<li>line 6: dave: &#39;not-an-email&#39; is not an email address")
                .contains("<li>line 7: erin: the name is empty");
        assertThat(prof.get("/roster").body()).contains("id=\"student-alice\"").contains("id=\"student-frank\"").doesNotContain("student-dave");
    }

    @Test
    void a_roster_without_its_header_imports_nothing() throws Exception {
        Browser prof = prof();
        prof.get("/roster");
        HttpResponse<String> r = prof.upload("/roster/import", "roster", "class.csv", "alice,Alice,alice@uni.example\n".getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("class.csv: line 1: the header has no column student, name, email").contains("nothing was imported");
        assertThat(prof.get("/roster").body()).doesNotContain("student-alice");
    }

    @Test
    void a_roster_over_one_mebibyte_is_413_and_imports_nothing() throws Exception {
        Browser prof = prof();
        prof.get("/roster");
        StringBuilder csv = new StringBuilder("student,name,email\n");
        for (int i = 0; csv.length() <= (1 << 20) + 1000; i++) csv.append("s").append(i).append(",Student ").append(i).append(",s").append(i).append("@uni.example\n");
        for (boolean chunked : new boolean[] {false, true}) { // its size said up front, or found while reading
            HttpResponse<String> r = prof.upload("/roster/import", "roster", "huge.csv", csv.toString().getBytes(StandardCharsets.UTF_8), chunked);
            assertThat(r.statusCode()).as("chunked " + chunked).isEqualTo(413);
            assertThat(r.body()).contains("over 1024 KiB").doesNotContain("error id");
            assertThat(new jlab.web.db.Students(db).all()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TestDatabase.H2, TestDatabase.POSTGRESQL})
    void a_sealed_submission_is_received_with_a_201_receipt_and_a_reimport_keeps_the_token(String kind) throws Exception {
        on(kind);
        Browser prof = prof();
        Map<String, String> tokens = roster(prof);
        prof.upload("/roster/import", "roster", "again.csv", "student,name,email\nalice,Alice M.,am@uni.example\n".getBytes(StandardCharsets.UTF_8));
        byte[] body = Results.sealed("alice", tokens.get("alice"), "uts-namespace", T0, Status.PASS, Status.FAIL);
        HttpResponse<String> r = submit(tokens.get("alice"), body);
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode receipt = JSON.readTree(r.body());
        assertThat(receipt.get("schema").asText()).isEqualTo("jlab.receipt/v1");
        assertThat(receipt.get("student").asText()).isEqualTo("alice");
        assertThat(receipt.get("score").asDouble()).isEqualTo(1.0);
        assertThat(receipt.get("max_score").asInt()).isEqualTo(3);
        assertThat(receipt.get("late").asBoolean()).isFalse();
    }

    @Test
    void a_submission_with_one_byte_changed_is_refused_as_tampered() throws Exception {
        Map<String, String> tokens = roster(prof());
        byte[] body = Results.sealed("alice", tokens.get("alice"), "uts-namespace", T0, Status.PASS, Status.FAIL);
        String text = new String(body, StandardCharsets.UTF_8);
        byte[] forged = text.replace("\"score\":1.0", "\"score\":3.0").getBytes(StandardCharsets.UTF_8);
        assertThat(forged).isNotEqualTo(body);
        HttpResponse<String> r = submit(tokens.get("alice"), forged);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(r.body()).get("error").asText()).startsWith("tampered: the HMAC does not match");
        HttpResponse<String> notJson = submit(tokens.get("alice"), "{\"lab\":".getBytes(StandardCharsets.UTF_8));
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("truncated");
    }

    /**
     * The student holds the token that signs: a result edited by hand and signed again passes the HMAC. The
     * server then audits it as jlab grade does — it must add up and be one of its labs, with that lab's checks.
     */
    @Test
    void a_result_edited_and_signed_again_or_of_an_unknown_lab_is_422_and_nothing_is_stored() throws Exception {
        Map<String, String> tokens = roster(prof());
        String token = tokens.get("alice");
        String json = Results.json("uts-namespace", Status.PASS, Status.FAIL);
        Map<String, String> edits = new java.util.LinkedHashMap<>();
        edits.put("inconsistent: score 3 is not the sum", json.replaceFirst("\"score\"\\s*:\\s*1\\.0,", "\"score\":3.0,"));
        edits.put("inconsistent: tests[1] (c2): status \"passed\"", json.replaceFirst("\"status\"\\s*:\\s*\"failed\"", "\"status\":\"passed\""));
        edits.put("unknown-lab: lab 'escape-room' is not one of this jlab's labs", Results.json("escape-room", Status.PASS));
        edits.put("unknown-lab: the checks [c1] are not those of lab 'uts-namespace'", Results.json("uts-namespace", Status.PASS));
        edits.forEach((reason, edited) -> {
            assertThat(edited).as(reason).isNotEqualTo(json);
            try {
                HttpResponse<String> r = submit(token, SubmissionEnvelope.seal("alice", edited, T0, token));
                assertThat(r.statusCode()).as(reason).isEqualTo(422);
                assertThat(JSON.readTree(r.body()).get("error").asText()).as(r.body()).startsWith(reason);
            } catch (Exception e) {
                throw new AssertionError(reason, e);
            }
        });
        assertThat(new jlab.web.db.Submissions(db).of("alice")).isEmpty();
        assertThat(submit(token, SubmissionEnvelope.seal("alice", json, T0, token)).statusCode()).as("the same result, unedited").isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {TestDatabase.H2, TestDatabase.POSTGRESQL})
    void a_replay_is_409_and_the_first_submission_stays(String kind) throws Exception {
        on(kind);
        Map<String, String> tokens = roster(prof());
        byte[] body = Results.sealed("bob", tokens.get("bob"), "uts-namespace", T0, Status.PASS, Status.FAIL);
        assertThat(submit(tokens.get("bob"), body).statusCode()).isEqualTo(201);
        HttpResponse<String> again = submit(tokens.get("bob"), body);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already received").contains("a replay changes nothing");
        // Another body with the same student, lab and submitted_at (re-signed with better scores): a replay too.
        byte[] sameTime = Results.sealed("bob", tokens.get("bob"), "uts-namespace", T0, Status.PASS, Status.PASS);
        assertThat(submit(tokens.get("bob"), sameTime).statusCode()).isEqualTo(409);
        assertThat(new jlab.web.db.Submissions(db).of("bob")).singleElement().satisfies(s -> assertThat(s.score()).isEqualTo(1.0));
    }

    @Test
    void a_wrong_or_missing_token_is_401_and_another_students_name_is_403() throws Exception {
        Map<String, String> tokens = roster(prof());
        byte[] body = Results.sealed("alice", tokens.get("alice"), "uts-namespace", T0, Status.PASS, Status.FAIL);
        HttpResponse<String> unknown = submit("x".repeat(43), body);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).contains("no such token");
        assertThat(submit(null, body).statusCode()).isEqualTo(401);
        byte[] asAlice = Results.sealed("alice", tokens.get("bob"), "uts-namespace", T0, Status.PASS, Status.FAIL);
        HttpResponse<String> impostor = submit(tokens.get("bob"), asAlice);
        assertThat(impostor.statusCode()).isEqualTo(403);
        assertThat(impostor.body()).contains("signed for 'alice'");
    }

    @Test
    void a_body_over_one_mebibyte_is_413() throws Exception {
        Map<String, String> tokens = roster(prof());
        // Again and again: a 413 sent while the body's rest was unread used to be lost to the connection's reset.
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = submit(tokens.get("alice"), new byte[(1 << 20) + 1]);
            assertThat(r.statusCode()).as("try " + i).isEqualTo(413);
            assertThat(r.body()).contains("over 1024 KiB");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {TestDatabase.H2, TestDatabase.POSTGRESQL})
    void the_gradebook_shows_best_and_latest_and_marks_late(String kind) throws Exception {
        on(kind);
        Browser prof = prof();
        Map<String, String> tokens = roster(prof);
        prof.get("/labs");
        assertThat(prof.post("/labs/deadline", Map.of("lab", "uts-namespace", "deadline", "2026-12-02T16:00:00+00:00", "_csrf", prof.csrf))
                .statusCode()).isEqualTo(303);
        submit(tokens.get("alice"), Results.sealed("alice", tokens.get("alice"), "uts-namespace", T0, Status.PASS, Status.PASS));
        clock.advance(Duration.ofHours(2).plusMinutes(5)); // 17:05: 1h05m after the deadline
        HttpResponse<String> late = submit(tokens.get("alice"), Results.sealed("alice", tokens.get("alice"), "uts-namespace",
                T0.plusSeconds(7200), Status.PASS, Status.FAIL));
        assertThat(JSON.readTree(late.body()).get("late_by").asText()).isEqualTo("1h05m");

        HttpResponse<String> page = prof.get("/gradebook");
        assertThat(page.statusCode()).isEqualTo(200);
        String row = page.body().substring(page.body().indexOf("id=\"row-alice\""));
        assertThat(row.substring(0, row.indexOf("</tr>"))).contains("data-latest=\"1\" data-best=\"3\"").contains("class=\"cell late\"")
                .contains("late 1h05m").contains("(2)");
    }

    @ParameterizedTest
    @ValueSource(strings = {TestDatabase.H2, TestDatabase.POSTGRESQL})
    void the_exports_hold_each_students_latest_score_per_lab(String kind) throws Exception {
        on(kind);
        Browser prof = prof();
        Map<String, String> tokens = roster(prof);
        submit(tokens.get("alice"), Results.sealed("alice", tokens.get("alice"), "uts-namespace", T0, Status.PASS, Status.PASS));
        submit(tokens.get("bob"), Results.sealed("bob", tokens.get("bob"), "uts-namespace", T0, Status.PASS, Status.PARTIAL));
        submit(tokens.get("bob"), Results.sealed("bob", tokens.get("bob"), "cgroup-pids", T0, Status.FAIL));

        assertThat(prof.get("/exports/moodle.csv").body()).isEqualTo("username,email,cgroup-pids,uts-namespace\n"
                + "alice,alice@uni.example,,3\nbob,bob@uni.example,0,2\ncarol,carol@uni.example,,\n");
        assertThat(prof.get("/exports/canvas.csv").body()).isEqualTo("Student,ID,SIS User ID,SIS Login ID,Section,cgroup-pids,uts-namespace\n"
                + "    Points Possible,,,,,1,3\n"
                + "Alice Martin,,alice,alice@uni.example,,,3\nBob Durand,,bob,bob@uni.example,,0,2\n\"Carol, C.\",,carol,carol@uni.example,,,\n");
        JsonNode json = JSON.readTree(prof.get("/exports/gradebook.json").body());
        assertThat(json.get("schema").asText()).isEqualTo("jlab.gradebook/v1");
        assertThat(json.get("entries")).hasSize(3);
        assertThat(prof.get("/exports/moodle.csv?score=worst").statusCode()).isEqualTo(400);

        HttpResponse<String> home = prof.get("/");
        assertThat(home.body()).contains("id=\"lab-uts-namespace\"").contains("data-check=\"c2\">Check 2 — 1 not passed");
        JsonNode progress = JSON.readTree(prof.send(HttpRequest.newBuilder(URI.create(base + "/dashboard/progress.json"))
                .header("Accept", "application/json")).body());
        assertThat(progress.get("labs").toString()).isEqualTo("[\"cgroup-pids\",\"uts-namespace\"]");
        assertThat(progress.get("series").get(1).toString()).isEqualTo("[1]"); // alice passed uts-namespace; bob did not
    }

    @Test
    void a_student_sees_only_their_own_submissions() throws Exception {
        Map<String, String> tokens = roster(prof());
        submit(tokens.get("alice"), Results.sealed("alice", tokens.get("alice"), "uts-namespace", T0, Status.PASS, Status.FAIL));
        submit(tokens.get("bob"), Results.sealed("bob", tokens.get("bob"), "cgroup-pids", T0, Status.FAIL));

        Browser alice = new Browser(base);
        assertThat(alice.login("alice", tokens.get("bob")).statusCode()).isEqualTo(401); // another's token is no password
        assertThat(alice.login("alice", tokens.get("alice")).headers().firstValue("Location")).hasValue("/me");
        HttpResponse<String> me = alice.get("/me");
        assertThat(me.body()).contains("id=\"my-submissions\"").contains("uts-namespace").doesNotContain("cgroup-pids");
        for (String path : List.of("/gradebook", "/roster", "/exports/moodle.csv", "/exports/gradebook.json", "/dashboard/progress.json")) {
            assertThat(alice.get(path).statusCode()).as(path).isEqualTo(403);
        }
    }

    @Test
    void an_assistant_reads_the_gradebook_but_changes_neither_roster_nor_tokens() throws Exception {
        roster(prof());
        Browser ta = new Browser(base);
        assertThat(ta.login("ta", "assistant password").statusCode()).isEqualTo(303);
        assertThat(ta.get("/gradebook").statusCode()).isEqualTo(200);
        assertThat(ta.get("/exports/canvas.csv").statusCode()).isEqualTo(200);
        assertThat(ta.get("/roster").body()).doesNotContain("roster-import");
        assertThat(ta.upload("/roster/import", "roster", "x.csv", "student,name,email\nzed,Z,z@uni.example\n".getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(403);
        assertThat(ta.post("/roster/alice/rotate", Map.of("_csrf", ta.csrf)).statusCode()).isEqualTo(403);
        assertThat(ta.get("/roster/issued.csv").statusCode()).isEqualTo(403);
    }

    @Test
    void a_rotated_token_replaces_the_old_one_and_the_cards_carry_the_command() throws Exception {
        Browser prof = prof();
        Map<String, String> tokens = roster(prof);
        HttpResponse<String> csv = prof.get("/roster/issued.csv");
        assertThat(csv.body()).startsWith("student,token\n").contains("alice," + tokens.get("alice") + "\n");
        assertThat(prof.get("/roster/issued/cards").body())
                .contains("./jlab lab submit ID --server " + base + " --token " + tokens.get("carol"));

        HttpResponse<String> rotated = prof.post("/roster/alice/rotate", Map.of("_csrf", prof.csrf));
        assertThat(rotated.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("<code>([A-Za-z0-9_-]{43})</code>").matcher(rotated.body());
        assertThat(m.find()).isTrue();
        String fresh = m.group(1);
        assertThat(fresh).isNotEqualTo(tokens.get("alice"));
        assertThat(submit(tokens.get("alice"), Results.sealed("alice", tokens.get("alice"), "uts-namespace", T0, Status.PASS, Status.FAIL)).statusCode()).isEqualTo(401);
        assertThat(submit(fresh, Results.sealed("alice", fresh, "uts-namespace", T0, Status.PASS, Status.FAIL)).statusCode()).isEqualTo(201);
        assertThat(prof.get("/roster/issued.csv").body()).isEqualTo("student,token\nalice," + fresh + "\n");
        assertThat(prof.post("/roster/nobody/rotate", Map.of("_csrf", prof.csrf)).statusCode()).isEqualTo(404);
    }

    @Test
    void there_is_no_terminal_here() throws Exception {
        Browser prof = prof();
        assertThat(prof.get("/terminal").statusCode()).isEqualTo(404);
        assertThat(prof.get("/labs/uts-namespace").statusCode()).isEqualTo(404);
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) { this.now = now; }

        void advance(Duration d) { now = now.plus(d); }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
