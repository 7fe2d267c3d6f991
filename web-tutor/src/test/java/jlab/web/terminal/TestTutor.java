package jlab.web.terminal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.Javalin;
import jlab.web.Templates;
import jlab.web.WebServer;
import jlab.web.security.Csrf;
import jlab.web.security.Sessions;

/**
 * A web server on a real loopback port with the terminal routes and a
 * {@code /login} that starts a browser session, as the tutor does after
 * checking its token. Commands: {@code shell} (/bin/sh), {@code cat} and {@code raw-cat}.
 */
final class TestTutor implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    /** cat with the line discipline out of the way (raw, no kernel echo): every byte is echoed by a process. */
    static final TerminalCommand RAW_CAT = new TerminalCommand("raw-cat", List.of("/bin/sh", "-c", "stty raw -echo; exec cat"), null);
    final Sessions sessions = new Sessions(Duration.ofMinutes(10));
    final TerminalService terminals;
    final Javalin app;
    final String base;
    final String origin;
    final HttpClient http = HttpClient.newHttpClient();

    /** One browser: its session cookie and CSRF token. */
    record Browser(String cookie, String csrf) {}

    TestTutor(java.util.function.UnaryOperator<TerminalService.Options> tune) {
        Map<String, TerminalCommand> commands = Map.of(
                "shell", new TerminalCommand("shell", List.of("/bin/sh"), Path.of("/tmp")),
                "cat", new TerminalCommand("cat", List.of("/bin/cat"), null),
                "raw-cat", RAW_CAT);
        terminals = new TerminalService(tune.apply(TerminalService.Options.defaults(commands, "shell")));
        app = WebServer.create(WebServer.Options.loopback(0), new Templates(), sessions, cfg -> {
            cfg.routes.get("/login", ctx -> ctx.result(sessions.start(ctx).csrf()));
            cfg.routes.get("/lab", ctx -> {
                if (Sessions.current(ctx).isEmpty()) sessions.start(ctx);
                ctx.render("terminal-test-page.ftlh", Map.of());
            });
            TerminalRoutes.install(cfg, terminals, TerminalRoutes.sessionCookie(sessions));
        }).start();
        base = "http://127.0.0.1:" + app.port();
        origin = base;
    }

    Browser login() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        return new Browser(r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0], r.body());
    }

    HttpResponse<String> ticketRequest(Browser b, String body) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + TerminalRoutes.TICKET_PATH))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (b != null) req.header("Cookie", b.cookie()).header(Csrf.HEADER, b.csrf());
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {"ticket":..., "terminal":...} for a new terminal running {@code command}, or for terminal {@code id}. */
    JsonNode ticket(Browser b, String field, String value) throws Exception {
        HttpResponse<String> r = ticketRequest(b, "{\"" + field + "\":\"" + value + "\"}");
        if (r.statusCode() != 200) throw new AssertionError("ticket: " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }

    String wsUrl(String ticket) {
        return "ws://127.0.0.1:" + app.port() + TerminalRoutes.WS_PATH + "?ticket=" + ticket;
    }

    TermClient open(Browser b, JsonNode ticket) throws Exception {
        return TermClient.connect(http, wsUrl(ticket.get("ticket").asText()), origin, b.cookie());
    }

    @Override
    public void close() {
        terminals.close();
        app.stop();
    }
}
