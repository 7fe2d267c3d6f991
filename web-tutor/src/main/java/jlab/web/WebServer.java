package jlab.web;

import java.util.Map;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import jlab.web.security.Csrf;
import jlab.web.security.Sessions;
import jlab.web.security.Tokens;

/**
 * What every jlab web server shares — the student's tutor ({@code jlab web})
 * and the instructor's server ({@code jlab serve}): FreeMarker pages, static
 * files, sessions and CSRF, the security headers, a bound on request sizes,
 * and one way of saying no.
 *
 * <p>Order of the before-handlers, for each request: security headers, the
 * session of its cookie, the CSRF check, then the application's own (its
 * gate: the tutor's token, the server's login), then the route.
 *
 * <p>Refusals: a handler throws {@link ClientError}; the answer is its status
 * and one line — as JSON ({@code {"error": "..."}}) to a script or an
 * {@code /api/} path, as a page to a browser. Anything else thrown is a bug of
 * ours: logged with an id, answered 500 with that id and nothing more.
 */
public final class WebServer {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final String REFUSED = "jlab.refused";

    /** Where to listen and how much to read: {@code host} 127.0.0.1 unless told; {@code port} 0 picks a free one. */
    public record Options(String host, int port, long maxRequestBytes) {
        public static Options loopback(int port) { return new Options("127.0.0.1", port, 1 << 20); }
        public Options withMaxRequestBytes(long max) { return new Options(host, port, max); }
    }

    private WebServer() {}

    /** A server, not started: {@code app} adds its gate, routes and WebSockets. */
    public static Javalin create(Options options, Templates templates, Sessions sessions, Consumer<JavalinConfig> app) {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = options.host();
            cfg.jetty.port = options.port();
            cfg.http.maxRequestSize = options.maxRequestBytes(); // a body read whole (ctx.body()): 413 past it
            limitMultipart(cfg, options.maxRequestBytes());
            // No ETag: every answer is Cache-Control: no-store (a browser keeps nothing to revalidate), and
            // Javalin's would checksum each page byte by byte per request — the tutor's largest cost under load.
            cfg.http.generateEtags = false;
            cfg.fileRenderer(templates);
            cfg.jsonMapper(new JavalinJackson(JavalinJackson.defaultMapper(), false));
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/jlab/web/static";
                files.location = Location.CLASSPATH;
            });
            cfg.staticFiles.enableWebjars();
            cfg.routes.before(WebServer::securityHeaders);
            cfg.routes.before(sessions::load);
            cfg.routes.before(ctx -> refuseLargeMultipart(ctx, options.maxRequestBytes())); // before Csrf parses the form
            cfg.routes.before(Csrf::check);
            cfg.routes.exception(ClientError.class, (e, ctx) -> refuse(ctx, e.status(), e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> serverError(e, ctx, options.maxRequestBytes()));
            // Javalin's own 404 (no route matched) says "Endpoint GET /x not found": say it our way.
            cfg.routes.error(404, ctx -> {
                if (ctx.attribute(REFUSED) == null) refuse(ctx, 404, "no such page: " + ctx.path());
            });
            app.accept(cfg);
        });
    }

    /**
     * A multipart form (the roster's upload) is parsed by Jetty, not read by
     * {@code ctx.body()}, so {@code maxRequestSize} does not bound it: Javalin's
     * default has no limit and writes every file part to /tmp. Here a form is
     * held in memory, up to the same bound as any other body. A body that says
     * it is larger is refused before it is read (413); one sent without its
     * length makes Jetty's parser stop at the bound, answered 413 all the same.
     */
    private static void limitMultipart(JavalinConfig cfg, long maxBytes) {
        cfg.jetty.multipartConfig.maxTotalRequestSize(maxBytes, SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxFileSize(maxBytes, SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(maxBytes, Integer.MAX_VALUE), SizeUnit.BYTES);
    }

    private static void refuseLargeMultipart(Context ctx, long maxBytes) {
        if (isMultipart(ctx) && ctx.contentLength() > maxBytes) throw refusedUnread(ctx, tooLarge(maxBytes));
    }

    /** How much of a refused body is read and thrown away so that its 413 reaches the client (see below). */
    static final long DISCARDED_AT_MOST = 16L << 20;

    /**
     * {@code refusal} (a 413), after reading the request's body and throwing it away. Answering without
     * reading it races the client: the server closes the connection with the body's rest unread in the
     * kernel's buffer, and closing a socket with unread data sends a TCP reset, which can destroy the
     * answer before the client has read it ("no bytes received" instead of the 413). Past
     * {@link #DISCARDED_AT_MOST}, the connection is closed all the same: a client that sends that much
     * over the limit gets no answer.
     */
    public static ClientError refusedUnread(Context ctx, ClientError refusal) {
        try (java.io.InputStream in = ctx.req().getInputStream()) {
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            for (int n; read < DISCARDED_AT_MOST && (n = in.read(buffer)) > 0; ) read += n;
        } catch (java.io.IOException | IllegalStateException e) {
            // the client went away (nobody to answer), or Jetty's multipart parser holds the stream: answer as is
        }
        return refusal;
    }

    /** Jetty's parser stops at the limit with "max length exceeded: N" (or "max file size ..."), wrapped twice or thrice. */
    private static boolean overMultipartLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException && String.valueOf(t.getMessage()).matches("max (length|file size) exceeded.*")) return true;
        }
        return false;
    }

    private static boolean isMultipart(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.startsWith("multipart/");
    }

    private static ClientError tooLarge(long maxBytes) {
        return new ClientError(413, "the upload is over " + maxBytes / 1024 + " KiB, the most this server reads: refused");
    }

    /**
     * The headers that make a browser careful with our pages: no guessing of
     * content types, no framing by another site (clickjacking), scripts and
     * styles from this server only, and a {@code Referer} only to ourselves —
     * the tutor's first URL carries its token, which must not travel to a link's
     * target. ({@code no-referrer} would be stricter, but then Chromium sends
     * {@code Origin: null} with our own forms, and the origin check below could
     * no longer tell them from another site's.)
     */
    static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                + "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        ctx.header("Cache-Control", "no-store");
    }

    /** Answers a refusal in the form the client reads. */
    public static void refuse(Context ctx, int status, String message) {
        ctx.attribute(REFUSED, Boolean.TRUE);
        ctx.status(status);
        if (wantsJson(ctx)) {
            ctx.json(Map.of("error", message, "status", status));
        } else {
            ctx.render("error.ftlh", Map.of("status", status, "message", message));
        }
    }

    private static void serverError(Exception e, Context ctx, long maxBytes) {
        if (isMultipart(ctx) && overMultipartLimit(e)) {
            refuse(ctx, 413, refusedUnread(ctx, tooLarge(maxBytes)).getMessage());
            return;
        }
        String id = Tokens.random().substring(0, 8);
        LOG.error("request {} {} failed (error id {})", ctx.method(), ctx.path(), id, e);
        refuse500(ctx, "something broke on the server (error id " + id + "); the log says what");
    }

    private static void refuse500(Context ctx, String message) {
        ctx.status(500);
        if (wantsJson(ctx)) ctx.json(Map.of("error", message, "status", 500));
        else ctx.html("<!doctype html><meta charset=utf-8><title>500</title><p>" + message);
    }

    static boolean wantsJson(Context ctx) {
        String accept = ctx.header("Accept");
        return ctx.path().startsWith("/api/") || accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }
}
