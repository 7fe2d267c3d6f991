package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import jlab.labs.grade.Submission;
import jlab.labs.grade.SubmissionEnvelope;

/**
 * {@code jlab lab submit} and {@code jlab grade} as a student and an
 * instructor type them: a real submission to a file and to a real HTTP
 * server on loopback, a folder with one of each problem graded into one
 * gradebook, the exports, and the exit codes.
 */
class GradeCommandTest extends RealJlabTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;

    /** What lab check itself says now: the submission must carry the same score. */
    private static double scoreNow(String lab) throws IOException {
        return JSON.readTree(jlab.run("lab", "check", "--json", lab).out()).get("score").asDouble();
    }

    @Test
    void submit_out_writes_a_submission_that_verifies_with_the_token() throws IOException {
        Path file = dir.resolve("alice.json");
        JlabProcess.Result r = jlab.run("lab", "submit", "uts-namespace", "--out", file.toString(), "--token", "s3cret",
                "--student", "alice", "--lang", "en");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("uts-namespace ").contains(": alice's submission written to " + file);
        Submission s = SubmissionEnvelope.open(Files.readAllBytes(file), "s3cret");
        assertThat(s.student()).isEqualTo("alice");
        assertThat(s.lab()).isEqualTo("uts-namespace");
        assertThat(s.result().score()).isEqualTo(scoreNow("uts-namespace"));
        assertThat(s.submittedAt()).isBetween(Instant.now().minusSeconds(120), Instant.now());
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left beside it").containsExactly(file);
        }

        // The token from the environment (kept out of the process list), the name from sudo's.
        JlabProcess fromEnv = new JlabProcess(state, java.util.Map.of("JLAB_TOKEN", "env-token", "SUDO_USER", "carol"));
        Path second = dir.resolve("carol.json");
        assertThat(fromEnv.run("lab", "submit", "uts-namespace", "--out", second.toString()).exitCode()).isZero();
        assertThat(SubmissionEnvelope.open(Files.readAllBytes(second), "env-token").student()).isEqualTo("carol");
    }

    @Test
    void submit_posts_to_the_server_with_the_token_and_a_verifiable_body() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> seen = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + exchange.getRequestHeaders().getFirst("Authorization")
                    + " " + exchange.getRequestHeaders().getFirst("Content-Type"));
            bodies.add(exchange.getRequestBody().readAllBytes());
            boolean good = "Bearer s3cret".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] answer = (good ? "{\"id\": 1}" : "unknown token\nsecond line").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(good ? 201 : 401, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/course/";
        try {
            JlabProcess.Result ok = jlab.run("lab", "submit", "uts-namespace", "--server", url, "--token", "s3cret",
                    "--student", "bob", "--lang", "fr");
            assertThat(ok.exitCode()).as(ok.err()).isZero();
            assertThat(ok.err()).as("loopback: no warning about the token in clear").isEmpty();
            assertThat(ok.out()).contains(" : envoyé à " + url + "api/submissions au nom de bob (HTTP 201)");
            assertThat(seen).containsExactly("POST /course/api/submissions Bearer s3cret application/json");
            Submission s = SubmissionEnvelope.open(bodies.get(0), "s3cret");
            assertThat(s.student()).isEqualTo("bob");

            JlabProcess.Result refused = jlab.run("lab", "submit", "uts-namespace", "--server", url, "--token", "wrong");
            assertThat(refused.exitCode()).isEqualTo(125);
            assertThat(refused.err().strip()).isEqualTo("jlab: the server answered HTTP 401: the server refused the token (check --token) (unknown token)");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void submit_to_no_server_or_with_bad_options_is_one_line_and_125() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        JlabProcess.Result r = jlab.run("lab", "submit", "uts-namespace", "--server", "http://127.0.0.1:" + closed, "--token", "t");
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.err().strip()).isEqualTo("jlab: cannot reach http://127.0.0.1:" + closed
                + "/api/submissions: connection refused (is the URL right? is the server up?)");
        assertThat(r.out()).isEmpty();

        JlabProcess.Result both = jlab.run("lab", "submit", "uts-namespace", "--token", "t");
        assertThat(both.err().strip()).isEqualTo("jlab: lab submit needs --server URL or --out FILE (one of them)");
        assertThat(both.exitCode()).isEqualTo(125);
        JlabProcess.Result noToken = jlab.run("lab", "submit", "uts-namespace", "--out", dir.resolve("x.json").toString());
        assertThat(noToken.err().strip()).isEqualTo("jlab: lab submit needs your token: --token T (or JLAB_TOKEN), given by your instructor");
        JlabProcess.Result badName = jlab.run("lab", "submit", "uts-namespace", "--out", dir.resolve("x.json").toString(),
                "--token", "t", "--student", "=HYPERLINK(1)");
        assertThat(badName.exitCode()).isEqualTo(125);
        assertThat(badName.err()).startsWith("jlab: --student '=HYPERLINK(1)' is not a name the roster can hold");
        JlabProcess.Result badUrl = jlab.run("lab", "submit", "uts-namespace", "--server", "ftp://x", "--token", "t");
        assertThat(badUrl.err().strip()).isEqualTo("jlab: --server takes an http:// or https:// URL such as https://tutor.example, not 'ftp://x'");
        try (var files = Files.list(dir)) {
            assertThat(files).as("nothing half-done").isEmpty();
        }
    }

    @Test
    void grade_a_folder_with_one_of_each_problem_keeps_every_valid_one() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path out = dir.resolve("out");
        Path roster = dir.resolve("roster.csv");
        Files.writeString(roster, "student,token\nalice,ta\nbob,tb\ncarol,tc\n");
        assertThat(jlab.run("lab", "submit", "uts-namespace", "--out", in.resolve("alice.json").toString(), "--token", "ta",
                "--student", "alice").exitCode()).isZero();
        String result = jlab.run("lab", "check", "--json", "uts-namespace").out();
        Instant t = Instant.parse("2026-12-02T11:00:00Z");
        Files.write(in.resolve("bob-1.json"), SubmissionEnvelope.seal("bob", result, t, "tb"));
        Files.write(in.resolve("bob-2.json"), SubmissionEnvelope.seal("bob", result, t.plusSeconds(60), "tb"));
        Files.write(in.resolve("carol.json"), SubmissionEnvelope.seal("carol", result, t, "wrong-token"));
        byte[] dave = SubmissionEnvelope.seal("dave", result, t, "td");
        Files.write(in.resolve("dave.json"), dave);
        Files.write(in.resolve("cut.json"), Arrays.copyOf(dave, 100));
        Files.writeString(in.resolve("old.json"), "{\"schema\": \"jlab.submission/v0\"}");

        JlabProcess.Result r = jlab.run("grade", in.toString(), "--tokens", roster.toString(), "--deadline", "2026-12-02T13:00:00+01:00",
                "--out", out.toString(), "--junit", dir.resolve("junit.xml").toString());
        assertThat(r.exitCode()).as("problems: exit 1").isEqualTo(1);
        assertThat(r.err().lines()).containsExactly(
                "jlab grade: alice.json: late: submitted " + SubmissionEnvelope.open(Files.readAllBytes(in.resolve("alice.json")), null).submittedAt()
                        + ", " + r.err().lines().findFirst().orElseThrow().replaceAll(".*Z, (\\S+) after.*", "$1")
                        + " after the deadline 2026-12-02T12:00:00Z: kept, marked late",
                "jlab grade: bob-1.json: duplicate: bob sent uts-namespace again: this one (submitted 2026-12-02T11:00:00Z) is dropped,"
                        + " bob-2.json (submitted 2026-12-02T11:01:00Z) is kept",
                "jlab grade: carol.json: tampered: the HMAC does not match the student's token (the file was changed after"
                        + " jlab lab submit wrote it, or signed with another token)",
                "jlab grade: cut.json: truncated: the JSON stops at byte 100 before it closes (a copy or an upload cut short?)",
                "jlab grade: dave.json: unknown-student: student 'dave' is not in the roster: not graded",
                "jlab grade: old.json: schema: schema \"jlab.submission/v0\": this jlab reads \"jlab.submission/v1\"");
        assertThat(r.out()).contains("uts-namespace    2        ").contains("2 entries, 6 problems: " + out.resolve("gradebook.csv"));
        List<String> csv = Files.readAllLines(out.resolve("gradebook.csv"));
        assertThat(csv.get(0)).startsWith("student,lab,score,max,time,late,uts-namespace/");
        assertThat(csv).hasSize(3);
        assertThat(csv.get(1)).startsWith("alice,uts-namespace,");
        assertThat(csv.get(2)).startsWith("bob,uts-namespace,").contains(",2026-12-02T11:01:00Z,,");
        JsonNode book = JSON.readTree(out.resolve("gradebook.json").toFile());
        assertThat(book.get("hmac_verified").asBoolean()).isTrue();
        assertThat(book.get("problems")).hasSize(6);
        assertThat(book.get("labs").get(0).get("students").asInt()).isEqualTo(2);
        var junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("junit.xml").toFile());
        assertThat(junit.getElementsByTagName("testsuite").getLength()).isEqualTo(1);

        JlabProcess.Result again = jlab.run("grade", in.toString(), "--tokens", roster.toString(), "--deadline",
                "2026-12-02T13:00:00+01:00", "--out", out.toString(), "--json");
        assertThat(again.out()).as("--json prints gradebook.json, the same bytes").isEqualTo(Files.readString(out.resolve("gradebook.json")));
    }

    @Test
    void grade_exit_codes_clean_0_bad_input_125_with_nothing_written() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        String result = jlab.run("lab", "check", "--json", "uts-namespace").out();
        Files.write(in.resolve("a.json"), SubmissionEnvelope.seal("alice", result, Instant.now(), "ta"));
        Path roster = dir.resolve("roster.csv");
        Files.writeString(roster, "alice,ta\n");
        JlabProcess.Result clean = jlab.run("grade", in.toString(), "--tokens", roster.toString(), "--out", dir.resolve("out").toString());
        assertThat(clean.exitCode()).as(clean.err()).isZero();
        assertThat(clean.err()).isEmpty();

        Path nowhere = dir.resolve("nowhere");
        JlabProcess.Result badDeadline = jlab.run("grade", in.toString(), "--deadline", "friday", "--out", nowhere.toString());
        assertThat(badDeadline.exitCode()).isEqualTo(125);
        assertThat(badDeadline.err().strip()).isEqualTo("jlab: --deadline takes an ISO-8601 time with its zone, such as 2026-12-02T16:30:00Z, not 'friday'");
        Files.writeString(roster, "alice,ta\nbob\n");
        JlabProcess.Result badRoster = jlab.run("grade", in.toString(), "--tokens", roster.toString(), "--out", nowhere.toString());
        assertThat(badRoster.err().strip()).isEqualTo("jlab: " + roster + ":2: a line is student,token (the token is missing)");
        JlabProcess.Result noDir = jlab.run("grade", dir.resolve("missing").toString(), "--out", nowhere.toString());
        assertThat(noDir.exitCode()).isEqualTo(125);
        assertThat(noDir.err().strip()).isEqualTo("jlab: no folder " + dir.resolve("missing") + ": give the folder of submission files");
        assertThat(nowhere).doesNotExist();
        JlabProcess.Result unverified = jlab.run("grade", in.toString(), "--out", dir.resolve("out").toString());
        assertThat(unverified.err()).isEqualTo("jlab grade: HMACs not verified (no --tokens): anyone could have written these files\n");
    }

    @Test
    void lab_check_formats_junit_and_gradescope() throws Exception {
        JlabProcess.Result junit = jlab.run("lab", "check", "--format", "junit", "uts-namespace");
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(junit.out().getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("testsuites");
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(
                JSON.readTree(jlab.run("lab", "check", "--json", "uts-namespace").out()).get("tests").size());
        JsonNode gs = JSON.readTree(jlab.run("lab", "check", "--format", "gradescope", "uts-namespace").out());
        assertThat(gs.has("schema")).as("only Gradescope's fields").isFalse();
        assertThat(gs.get("tests").get(0).has("status")).isTrue();
        JlabProcess.Result bad = jlab.run("lab", "check", "--format", "xml", "uts-namespace");
        assertThat(bad.exitCode()).isEqualTo(125);
        assertThat(bad.err().strip()).isEqualTo("jlab: --format takes json, junit or gradescope, not 'xml'");
    }
}
