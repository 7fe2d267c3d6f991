package jlab.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.javalin.Javalin;
import jlab.web.Templates;
import jlab.web.WebServer;

/** Sessions on a real port: a flood of anonymous visits does not log anybody out. */
class SessionsTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_flood_of_anonymous_sessions_evicts_them_before_a_logged_in_one() throws Exception {
        Sessions sessions = new Sessions(Duration.ofMinutes(5), Clock.systemUTC(), false, 3);
        Javalin app = WebServer.create(WebServer.Options.loopback(0), new Templates(), sessions, cfg -> {
            cfg.routes.get("/visit", ctx -> { sessions.start(ctx); ctx.result("hello"); });
            cfg.routes.get("/login", ctx -> { sessions.start(ctx).put("user", "alice"); ctx.result("in"); });
            cfg.routes.get("/who", ctx -> ctx.result(Sessions.current(ctx)
                    .map(s -> s.get("user").orElse("anonymous")).orElse("no session")));
        }).start();
        try {
            String base = "http://127.0.0.1:" + app.port();
            String alice = cookie(http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString()));
            String firstVisitor = null;
            for (int i = 0; i < 10; i++) {
                String c = cookie(http.send(HttpRequest.newBuilder(URI.create(base + "/visit")).build(),
                        HttpResponse.BodyHandlers.ofString()));
                if (firstVisitor == null) firstVisitor = c;
            }
            assertThat(who(base, alice)).isEqualTo("alice");
            assertThat(who(base, firstVisitor)).isEqualTo("no session");
        } finally {
            app.stop();
        }
    }

    private String who(String base, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/who")).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String cookie(HttpResponse<String> r) {
        return r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }
}
