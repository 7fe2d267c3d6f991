package jlab.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

/**
 * Server-side sessions behind one cookie.
 *
 * <p>The cookie holds only a random id (see {@link Tokens}); everything else
 * stays in memory on the server. It is {@code HttpOnly} (page scripts cannot
 * read it, so an injected script cannot steal it) and {@code SameSite=Strict}
 * (the browser does not send it with a request that another site started,
 * the first defence against cross-site request forgery; {@link Csrf} is the
 * second). A session unused for {@code idle} is gone. Starting a session
 * always makes a new id, so an id planted before a login is worthless after
 * it (session fixation).
 */
public final class Sessions {
    public static final String COOKIE = "jlab_session";
    private static final String ATTRIBUTE = "jlab.session";
    private static final int MAX_SESSIONS = 10_000;
    private final int maxSessions;

    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Clock clock;
    private final boolean secureCookie;

    /** @param secureCookie whether the cookie is marked {@code Secure} (only sent over HTTPS) */
    public Sessions(Duration idle, Clock clock, boolean secureCookie) {
        this(idle, clock, secureCookie, MAX_SESSIONS);
    }

    Sessions(Duration idle, Clock clock, boolean secureCookie, int maxSessions) {
        this.maxSessions = maxSessions;
        this.idle = idle;
        this.clock = clock;
        this.secureCookie = secureCookie;
    }

    public Sessions(Duration idle) {
        this(idle, Clock.systemUTC(), false);
    }

    /** Starts a new session for this browser (ending the one it had) and sets its cookie. */
    public Session start(Context ctx) {
        current(ctx).ifPresent(old -> byId.remove(old.id()));
        if (byId.size() >= maxSessions) evictOldest();
        Session s = new Session(Tokens.random(), Tokens.random(), clock.instant());
        byId.put(s.id(), s);
        Cookie cookie = new Cookie(COOKIE, s.id(), "/", -1, secureCookie, true, null, SameSite.STRICT);
        ctx.cookie(cookie);
        ctx.attribute(ATTRIBUTE, s);
        return s;
    }

    /** Ends this browser's session, if it has one, and clears its cookie. */
    public void end(Context ctx) {
        current(ctx).ifPresent(s -> byId.remove(s.id()));
        ctx.attribute(ATTRIBUTE, null);
        ctx.removeCookie(COOKIE, "/");
    }

    /** Finds the session of the request's cookie (and notes it for {@link #current}); a before-handler. */
    public void load(Context ctx) {
        String id = ctx.cookie(COOKIE);
        if (id == null) return;
        Session s = byId.get(id);
        if (s == null) return;
        Instant now = clock.instant();
        if (s.lastSeen().plus(idle).isBefore(now)) {
            byId.remove(id);
            return;
        }
        s.seen(now);
        ctx.attribute(ATTRIBUTE, s);
    }

    /** The session {@link #load} found for this request. */
    public static Optional<Session> current(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }

    /** A session by its id (for a WebSocket, which has no handler chain of its own), if alive. */
    public Optional<Session> byId(String id) {
        Session s = id == null ? null : byId.get(id);
        if (s == null || s.lastSeen().plus(idle).isBefore(clock.instant())) return Optional.empty();
        return Optional.of(s);
    }

    /**
     * Full: the oldest anonymous session goes first (every visit to a login
     * page makes one, so a flood of visits must not push out the people who
     * logged in); only when all are in use, the oldest of all.
     */
    private void evictOldest() {
        Comparator<Session> order = Comparator.comparing((Session s) -> !s.anonymous()).thenComparing(Session::lastSeen);
        byId.values().stream().min(order).ifPresent(s -> byId.remove(s.id()));
    }
}
