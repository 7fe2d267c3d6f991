package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jlab web} as a student runs it: one printed link, a session from it, Ctrl-C stops it cleanly. */
@Tag("kernel")
class WebCommandTest {
    @TempDir Path state;
    private JlabProcess jlab;

    @BeforeEach
    void root() {
        Root.assumeRoot();
        jlab = new JlabProcess(state);
    }

    @Test
    void jlab_web_prints_one_link_that_opens_a_session_and_ctrl_c_stops_it_and_removes_the_url_file() throws Exception {
        Process p = jlab.builder(List.of("web", "--port", "0", "--no-browser")).start();
        try {
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String url = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
            assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/\\?token=[A-Za-z0-9_-]{43}");
            assertThat(Files.readString(state.resolve("web/url")).strip()).isEqualTo(url);

            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> in = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(in.statusCode()).isEqualTo(302);
            String cookie = in.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            String base = url.substring(0, url.indexOf("/?"));
            HttpResponse<String> home = http.send(HttpRequest.newBuilder(URI.create(base + "/labs/uts-namespace?lang=en"))
                    .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.body()).contains("id=\"check-button\"");

            // Ctrl-C: the terminal sends SIGINT to the process.
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("jlab web stops on SIGINT").isTrue();
            assertThat(out.lines().toList()).as("nothing printed but the link").isEmpty();
            assertThat(err.get(10, TimeUnit.SECONDS)).as("no stack trace, no log line").isEmpty();
            assertThat(state.resolve("web/url")).as("the token dies with the server").doesNotExist();
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_port_in_use_is_one_line_and_exit_125() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            JlabProcess.Result r = jlab.run("web", "--port", Integer.toString(taken.getLocalPort()), "--no-browser");
            assertThat(r.exitCode()).isEqualTo(125);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo("jlab: port " + taken.getLocalPort()
                    + " on 127.0.0.1 is in use (another jlab web?): stop it, or choose another with --port N\n");
        }
    }

    @Test
    void a_bad_language_or_port_is_one_line_and_exit_125() {
        JlabProcess.Result lang = jlab.run("web", "--lang", "de", "--no-browser");
        assertThat(lang.exitCode()).isEqualTo(125);
        assertThat(lang.err()).isEqualTo("jlab: --lang de: the course speaks fr or en\n");
        JlabProcess.Result port = jlab.run("web", "--port", "70000", "--no-browser");
        assertThat(port.exitCode()).isEqualTo(125);
        assertThat(port.err()).startsWith("jlab: --port 70000: ").doesNotContain("Exception");
    }

    private static String readLine(BufferedReader r) {
        try {
            return r.readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
