package jlab.web.tutor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import jlab.web.ClientError;
import jlab.web.security.Sessions;
import jlab.web.security.Tokens;

/**
 * The tutor's door, as Jupyter's: {@code jlab web} prints a link with a random
 * token; whoever opens it gets a session (an HttpOnly cookie) and is sent to
 * the same address without the token, so it leaves the address bar and the
 * history. Every other request — a page, a stylesheet, a webjar, the API, the
 * terminal — needs that session, or gets 401 and how to get the link.
 *
 * <p>Why a token on a loopback server: every program of this machine, and
 * every web page open in its browser, can reach 127.0.0.1. The tutor runs
 * checks and a root terminal; only the person who started it may use it.
 */
final class TokenGate {
    static final String PARAM = "token";

    private final String token;
    private final Sessions sessions;
    private final String urlFile;

    TokenGate(String token, Sessions sessions, String urlFile) {
        this.token = token;
        this.sessions = sessions;
        this.urlFile = urlFile;
    }

    /** A before-handler: lets a session through, trades a valid token for one, refuses the rest. */
    void check(Context ctx) {
        String sent = ctx.queryParam(PARAM);
        if (sent != null) {
            if (!Tokens.same(sent, token)) throw ClientError.unauthorized("wrong token: " + howToGetIn(ctx));
            sessions.start(ctx);
            ctx.redirect(withoutToken(ctx.path(), ctx.queryParamMap()), HttpStatus.FOUND);
            ctx.skipRemainingHandlers();
            return;
        }
        if (Sessions.current(ctx).isEmpty()) throw ClientError.unauthorized(howToGetIn(ctx));
    }

    private String howToGetIn(Context ctx) {
        return "this page needs the link jlab web printed: run ./jlab web on this machine and open the URL it prints"
                + " (http://" + java.util.Objects.requireNonNullElse(ctx.host(), "127.0.0.1:PORT") + "/?token=...; it is also in " + urlFile + ")";
    }

    /** The same path and query, less the token: {@code /labs/veth?token=T&lang=fr} → {@code /labs/veth?lang=fr}. */
    static String withoutToken(String path, Map<String, List<String>> query) {
        StringJoiner rest = new StringJoiner("&");
        query.forEach((name, values) -> {
            if (name.equals(PARAM)) return;
            for (String v : values) rest.add(encode(name) + "=" + encode(v));
        });
        return rest.length() == 0 ? path : path + "?" + rest;
    }

    private static String encode(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }
}
