package jlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.javalin.Javalin;
import jlab.web.security.Csrf;
import jlab.web.security.Sessions;

/** The shared server on a real port, spoken to by the JDK's HTTP client. */
class WebServerTest {
    private final Sessions sessions = new Sessions(Duration.ofMinutes(5));
    private Javalin app;
    private String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        app = WebServer.create(WebServer.Options.loopback(0).withMaxRequestBytes(1024), new Templates(), sessions, cfg -> {
            cfg.routes.get("/login", ctx -> ctx.result(sessions.start(ctx).csrf()));
            cfg.routes.post("/change", ctx -> ctx.result("changed"));
            cfg.routes.post("/echo", ctx -> ctx.result(ctx.body()));
            cfg.routes.get("/refuse", ctx -> { throw ClientError.badRequest("port must be a number between 1 and 65535"); });
            cfg.routes.get("/bug", ctx -> { throw new IllegalStateException("secret internals"); });
        }).start();
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder get(String path) { return HttpRequest.newBuilder(URI.create(base + path)); }

    @Test
    void a_client_error_is_its_status_and_one_line_as_a_page_or_as_json() throws Exception {
        HttpResponse<String> page = send(get("/refuse").header("Accept", "text/html"));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("<p id=\"error-message\">port must be a number between 1 and 65535</p>");
        HttpResponse<String> json = send(get("/refuse").header("Accept", "application/json"));
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.body()).contains("\"error\":\"port must be a number between 1 and 65535\"");
    }

    @Test
    void a_bug_answers_500_with_an_error_id_and_no_internals() throws Exception {
        HttpResponse<String> r = send(get("/bug"));
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("error id").doesNotContain("secret internals").doesNotContain("at jlab.");
    }

    @Test
    void an_unknown_path_is_404_naming_it() throws Exception {
        HttpResponse<String> r = send(get("/nowhere"));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("no such page: /nowhere");
    }

    @Test
    void pages_carry_the_security_headers() throws Exception {
        HttpResponse<String> r = send(get("/refuse"));
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'");
    }

    @Test
    void the_session_cookie_is_httponly_and_samesite_strict() throws Exception {
        HttpResponse<String> r = send(get("/login"));
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(Sessions.COOKIE + "=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
    }

    @Test
    void a_change_riding_on_a_session_needs_the_csrf_token() throws Exception {
        HttpResponse<String> login = send(get("/login"));
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String token = login.body();

        HttpResponse<String> without = send(get("/change").header("Cookie", cookie).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(without.body()).contains("security token");

        HttpResponse<String> wrong = send(get("/change").header("Cookie", cookie).header(Csrf.HEADER, token + "x")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(wrong.statusCode()).isEqualTo(403);

        HttpResponse<String> header = send(get("/change").header("Cookie", cookie).header(Csrf.HEADER, token)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(header.statusCode()).isEqualTo(200);

        HttpResponse<String> form = send(get("/change").header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Csrf.FIELD + "=" + token)));
        assertThat(form.statusCode()).isEqualTo(200);
    }

    @Test
    void a_change_sent_from_another_origin_is_refused() throws Exception {
        HttpResponse<String> login = send(get("/login"));
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> r = send(get("/change").header("Cookie", cookie).header(Csrf.HEADER, login.body())
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("another site");
    }

    @Test
    void an_origin_the_browser_will_not_name_leaves_it_to_the_token() throws Exception {
        HttpResponse<String> login = send(get("/login"));
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> withToken = send(get("/change").header("Cookie", cookie).header(Csrf.HEADER, login.body())
                .header("Origin", "null").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(withToken.statusCode()).isEqualTo(200);
        HttpResponse<String> without = send(get("/change").header("Cookie", cookie)
                .header("Origin", "null").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(without.statusCode()).isEqualTo(403);
    }

    @Test
    void a_body_over_the_limit_is_413() throws Exception {
        HttpResponse<String> small = send(get("/echo").POST(HttpRequest.BodyPublishers.ofString("x".repeat(100))));
        assertThat(small.statusCode()).isEqualTo(200);
        HttpResponse<String> big = send(get("/echo").POST(HttpRequest.BodyPublishers.ofString("x".repeat(5000))));
        assertThat(big.statusCode()).isEqualTo(413);
    }

    @Test
    void static_files_and_webjars_are_served() throws Exception {
        assertThat(send(get("/static/jlab.css")).statusCode()).isEqualTo(200);
        assertThat(send(get("/webjars/xterm/4.9.0/lib/xterm.js")).statusCode()).isEqualTo(200);
        assertThat(send(get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js")).statusCode()).isEqualTo(200);
    }

    @Test
    void templates_escape_what_they_show() {
        String html = new Templates().render("error.ftlh", Map.of("status", 400, "message", "<script>x</script>", "csrf", ""));
        assertThat(html).contains("&lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>x");
    }
}
