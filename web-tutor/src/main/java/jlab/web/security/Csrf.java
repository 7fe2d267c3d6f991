package jlab.web.security;

import java.util.Optional;
import java.util.Set;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import jlab.web.ClientError;

/**
 * Cross-site request forgery: another site's page makes the browser send a
 * request here, and the browser adds our session cookie. So a request that
 * changes something (POST, PUT, PATCH, DELETE) and rides on a session must
 * also carry the session's token — in the form field {@value #FIELD} or the
 * header {@value #HEADER} — which only our own pages know. And when the
 * browser says where the request came from ({@code Origin}), it must be here.
 *
 * <p>A request without a session (an API call with its own bearer token)
 * carries no ambient credential to abuse, so it needs no token.
 */
public final class Csrf {
    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    private static final Set<HandlerType> UNSAFE = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

    private Csrf() {}

    /** This request's session token, for a template's hidden field or a page script. */
    public static Optional<String> token(Context ctx) {
        return Sessions.current(ctx).map(Session::csrf);
    }

    /** A before-handler: refuses (403) a state-changing request from elsewhere or without the token. */
    public static void check(Context ctx) {
        if (!UNSAFE.contains(ctx.method())) return;
        // "null" is an origin a browser will not name (a privacy setting, a sandboxed frame): no say
        // either way, so the token decides, as for a client that sends no Origin.
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equals("null") && !Origins.sameAs(origin, ctx)) {
            throw ClientError.forbidden("this request came from another site (" + origin + "): refused");
        }
        Optional<Session> session = Sessions.current(ctx);
        if (session.isEmpty()) return;
        String sent = ctx.header(HEADER);
        if (sent == null && isForm(ctx)) sent = ctx.formParam(FIELD);
        if (!Tokens.same(sent, session.get().csrf())) {
            throw ClientError.forbidden("the form's security token is missing or stale: reload the page and try again");
        }
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
    }
}
