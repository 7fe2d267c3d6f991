package jlab.web.security;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One browser's session: its id (the cookie's value), its CSRF token, and
 * what the application keeps about it (who logged in, with which role).
 */
public final class Session {
    private final String id;
    private final String csrf;
    private final Map<String, String> values = new ConcurrentHashMap<>();
    private volatile Instant lastSeen;

    Session(String id, String csrf, Instant now) {
        this.id = id;
        this.csrf = csrf;
        this.lastSeen = now;
    }

    public String id() { return id; }

    /** The token every form and script of this session sends back (see {@link Csrf}). */
    public String csrf() { return csrf; }

    public Optional<String> get(String key) { return Optional.ofNullable(values.get(key)); }

    public void put(String key, String value) { values.put(key, value); }

    public void remove(String key) { values.remove(key); }

    /** Whether the application has put nothing here yet (a login page's visitor, not a logged-in user). */
    boolean anonymous() { return values.isEmpty(); }

    Instant lastSeen() { return lastSeen; }

    void seen(Instant now) { lastSeen = now; }
}
