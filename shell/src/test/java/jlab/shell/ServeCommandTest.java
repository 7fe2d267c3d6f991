package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jlab serve} as an instructor runs it: import-roster, the server in
 * its own process on a free loopback port, a real {@code jlab lab submit} to
 * it, a second server refused, SIGTERM ending it with nothing left listening.
 */
class ServeCommandTest extends RealJlabTest {
    private static final Pattern URL = Pattern.compile("jlab serve: (http://127\\.0\\.0\\.1:\\d+)/");
    private static final Pattern ONE_TIME = Pattern.compile("instructor account '(\\w+)', one-time password: (\\S+)");
    @TempDir Path dir;

    @Test
    void bad_options_are_one_line_and_125() {
        JlabProcess.Result port = jlab.run("serve", "--port", "70000");
        assertThat(port.exitCode()).isEqualTo(125);
        assertThat(port.err().strip()).isEqualTo("jlab: --port takes a number between 0 and 65535, not 70000");
        JlabProcess.Result host = jlab.run("serve", "--host", "example.com");
        assertThat(host.exitCode()).isEqualTo(125);
        assertThat(host.err()).contains("--host takes an address");
        JlabProcess.Result db = jlab.run("serve", "--db", "jdbc:mysql://127.0.0.1/x");
        assertThat(db.exitCode()).isEqualTo(125);
        assertThat(db.err()).contains("--db takes jdbc:h2:file:PATH or jdbc:postgresql://");
    }

    @Test
    void an_instructor_imports_a_roster_serves_and_receives_a_real_lab_submit() throws Exception {
        Path csv = dir.resolve("class.csv");
        Files.writeString(csv, "student,name,email\nalice,Alice,alice@uni.example\nbad name,X,x@uni.example\n");
        Path tokens = dir.resolve("tokens.csv");
        JlabProcess.Result imported = jlab.run("serve", "import-roster", csv.toString(), "--tokens-out", tokens.toString());
        assertThat(imported.exitCode()).as(imported.err()).isEqualTo(1);
        assertThat(imported.err()).contains(csv + ":3: 'bad name' is not a student name");
        assertThat(imported.out()).startsWith("1 added, 0 already there");
        assertThat(Files.getPosixFilePermissions(tokens)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        List<String> lines = Files.readAllLines(tokens);
        assertThat(lines.get(0)).isEqualTo("student,token");
        String token = lines.get(1).substring("alice,".length());

        Process server = jlab.builder(List.of("serve", "--port", "0")).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String first = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
            String second = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
            Matcher pw = ONE_TIME.matcher(first);
            assertThat(pw.find()).as(first).isTrue();
            Matcher url = URL.matcher(second);
            assertThat(url.find()).as(second).isTrue();
            String base = url.group(1);

            JlabProcess.Result submitted = jlab.run("lab", "submit", "uts-namespace", "--server", base, "--token", token, "--student", "alice");
            assertThat(submitted.exitCode()).as(submitted.err()).isZero();
            JlabProcess.Result again = jlab.run("lab", "submit", "uts-namespace", "--server", base, "--token", "wrong", "--student", "alice");
            assertThat(again.exitCode()).isEqualTo(125);
            assertThat(again.err()).contains("HTTP 401: the server refused the token");

            JlabProcess.Result busy = jlab.run("serve", "--port", "0");
            assertThat(busy.exitCode()).isEqualTo(125);
            assertThat(busy.err()).contains("another jlab serve has it open");

            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.body()).contains("id=\"login\"");

            server.destroy(); // SIGTERM: the shutdown hook stops the server and closes the database
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
            try {
                http.send(HttpRequest.newBuilder(URI.create(base + "/login")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                throw new AssertionError("the server still answers after SIGTERM");
            } catch (ConnectException expected) {
                // nothing listens any more
            }
            JlabProcess.Result reimport = jlab.run("serve", "import-roster", csv.toString());
            assertThat(reimport.out()).as("the database is free again, and alice keeps her token").startsWith("0 added, 1 already there");
        } finally {
            server.destroyForcibly().waitFor();
        }
    }

    private static String readLine(BufferedReader r) {
        try {
            return r.readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
