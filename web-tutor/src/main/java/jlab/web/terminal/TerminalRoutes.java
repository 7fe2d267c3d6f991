package jlab.web.terminal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import jlab.web.ClientError;
import jlab.web.security.Session;
import jlab.web.security.Sessions;

/**
 * The terminal's HTTP and WebSocket routes, installed into a {@link jlab.web.WebServer}'s config by one call:
 * <pre>
 * TerminalRoutes.install(cfg, terminals, TerminalRoutes.sessionCookie(sessions));
 * </pre>
 * {@code POST /terminal/ticket} (needs the browser session and its CSRF
 * header, as every POST does) answers {@code {"ticket": "...", "terminal":
 * "ID", "command": "jlab"}}; the page then opens
 * {@code ws://HOST/terminal/ws?ticket=...}. See web-tutor/README.md for the
 * protocol.
 */
public final class TerminalRoutes {
    public static final String TICKET_PATH = "/terminal/ticket";
    public static final String WS_PATH = "/terminal/ws";
    private static final Logger LOG = LoggerFactory.getLogger(TerminalRoutes.class);
    private static final String SESSION = "jlab.terminal.session";
    private static final String ATTACHED = "jlab.terminal.attached";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The terminal a WebSocket shows, and the viewer it is. */
    private record Attached(Terminal terminal, WsViewer viewer) {}

    private TerminalRoutes() {}

    /**
     * @param browserSession the browser session id of a request: called for the ticket request and for the
     *                       WebSocket's upgrade request, which passes through none of the server's before-handlers
     *                       (so it must read the cookie itself: see {@link #sessionCookie})
     */
    public static void install(JavalinConfig cfg, TerminalService terminals, Function<Context, Optional<String>> browserSession) {
        cfg.routes.post(TICKET_PATH, ctx -> ticket(ctx, terminals, browserSession));
        cfg.routes.wsBeforeUpgrade(WS_PATH, ctx -> {
            String origin = ctx.header("Origin");
            if (!LoopbackOrigin.accepts(origin, ctx)) {
                LOG.warn("terminal WebSocket refused: Origin {} is not this server's", origin == null ? "(none)" : TerminalService.clip(origin));
                throw ClientError.forbidden("a terminal opens only from this tutor's own pages, not from " + (origin == null ? "a page without Origin" : TerminalService.clip(origin)));
            }
            // Without a browser session there is nothing a ticket could be checked against: refuse the upgrade
            // itself (401), as every other path of the tutor answers, instead of opening a socket to close it.
            String session = browserSession.apply(ctx).orElseThrow(
                    () -> ClientError.unauthorized("no browser session: open the tutor's link (with its token) first"));
            ctx.attribute(SESSION, session);
        });
        cfg.routes.ws(WS_PATH, ws -> socket(ws, terminals));
    }

    /** A browser session read from the request's cookie: works for pages and for the WebSocket's upgrade alike. */
    public static Function<Context, Optional<String>> sessionCookie(Sessions sessions) {
        return ctx -> sessions.byId(ctx.cookie(Sessions.COOKIE)).map(Session::id);
    }

    private static void ticket(Context ctx, TerminalService terminals, Function<Context, Optional<String>> browserSession) {
        String owner = browserSession.apply(ctx).orElseThrow(
                () -> ClientError.unauthorized("no browser session: open the tutor's link (with its token) first"));
        JsonNode body = body(ctx);
        Terminal t = body.hasNonNull("terminal")
                ? terminals.find(owner, text(body, "terminal"))
                : terminals.open(owner, body.hasNonNull("command") ? text(body, "command") : null);
        ctx.json(Map.of("ticket", terminals.ticket(t), "terminal", t.id, "command", t.command));
    }

    private static JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) return JSON.createObjectNode();
        try {
            JsonNode n = JSON.readTree(text);
            if (n != null && n.isObject()) return n;
        } catch (JsonProcessingException e) {
            // answered below
        }
        throw ClientError.badRequest("the ticket request is JSON: {\"command\": \"jlab\"} for a new terminal, {\"terminal\": \"ID\"} to reconnect");
    }

    private static String text(JsonNode body, String field) {
        if (!body.get(field).isTextual()) throw ClientError.badRequest("\"" + field + "\" must be a string");
        return body.get(field).asText();
    }

    private static void socket(WsConfig ws, TerminalService terminals) {
        ws.onConnect(ctx -> {
            ctx.session.setMaxTextMessageSize(terminals.options().maxMessageBytes());
            ctx.session.setMaxBinaryMessageSize(terminals.options().maxMessageBytes());
            ctx.session.setIdleTimeout(Duration.ofMinutes(10));
            ctx.enableAutomaticPings(20, TimeUnit.SECONDS); // keeps proxies and sleeping laptops from a silent drop
            Tickets.Outcome outcome = terminals.redeem(ctx.queryParam("ticket"), ctx.attribute(SESSION));
            if (outcome.refusal() != null) {
                ctx.closeSession(CloseCodes.BAD_TICKET, outcome.refusal().reason);
                return;
            }
            Optional<Terminal> t = terminals.get(outcome.terminal());
            WsViewer viewer = new WsViewer(ctx.session);
            if (t.isEmpty() || !t.get().attach(viewer)) {
                ctx.closeSession(CloseCodes.GONE, "this terminal has ended: reload the page for a new one");
                return;
            }
            terminals.shown(t.get());
            ctx.attribute(ATTACHED, new Attached(t.get(), viewer));
        });
        ws.onMessage(ctx -> {
            Attached a = ctx.attribute(ATTACHED);
            if (a == null) return;
            try {
                handle(ClientMessage.parse(ctx.message(), JSON), a, terminals);
            } catch (ClientMessage.Bad bad) {
                a.viewer().control(Control.error(bad.getMessage()));
            }
        });
        ws.onBinaryMessage(ctx -> {
            Attached a = ctx.attribute(ATTACHED);
            if (a != null) a.viewer().control(Control.error("send keystrokes as JSON text: {\"type\":\"input\",\"data\":\"...\"}"));
        });
        ws.onClose(ctx -> {
            Attached a = ctx.attribute(ATTACHED);
            if (a != null && a.terminal().detach(a.viewer())) terminals.expireUnlessShown(a.terminal());
        });
        ws.onError(ctx -> LOG.debug("terminal WebSocket error", ctx.error()));
    }

    private static void handle(ClientMessage m, Attached a, TerminalService terminals) {
        Terminal t = a.terminal();
        if (m instanceof ClientMessage.Input in) {
            if (!t.input(a.viewer(), in.data())) {
                a.viewer().control(Control.error("the program is not reading its input: what was typed is dropped"));
            }
        } else if (m instanceof ClientMessage.Resize r) {
            t.resize(a.viewer(), r.size());
        } else if (m instanceof ClientMessage.Close && t.detach(a.viewer())) {
            terminals.end(t);
            a.viewer().close(CloseCodes.NORMAL, "the terminal was closed");
        }
    }

}
