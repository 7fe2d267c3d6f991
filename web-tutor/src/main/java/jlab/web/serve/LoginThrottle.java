package jlab.web.serve;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@code limit} failed logins within
 * {@code window}, for one account name or from one client address, further
 * attempts are refused until the oldest failure is older than the window.
 * Both keys count: per account stops a botnet guessing one instructor's
 * password from many addresses; per address stops one client trying many
 * accounts. Failures are kept in memory only (a restart forgets them; the
 * slow hash still stands).
 */
public final class LoginThrottle {
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private static final int MAX_KEYS = 100_000;

    public LoginThrottle(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** How long until {@code account} from {@code address} may try again; empty when it may now. */
    public Optional<Duration> wait(String account, String address) {
        Instant now = clock.instant();
        Optional<Duration> a = waitFor("account:" + account, now);
        Optional<Duration> b = waitFor("address:" + address, now);
        if (a.isEmpty()) return b;
        if (b.isEmpty()) return a;
        return Optional.of(a.get().compareTo(b.get()) > 0 ? a.get() : b.get());
    }

    public void failed(String account, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_KEYS) failures.clear(); // a flood of names must not exhaust memory
        for (String key : new String[] {"account:" + account, "address:" + address}) {
            Deque<Instant> q = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            synchronized (q) {
                q.addLast(now);
                while (q.size() > limit) q.removeFirst();
            }
        }
    }

    /** A successful login clears its account's failures (not its address's: a guesser may own one account). */
    public void succeeded(String account) {
        failures.remove("account:" + account);
    }

    private Optional<Duration> waitFor(String key, Instant now) {
        Deque<Instant> q = failures.get(key);
        if (q == null) return Optional.empty();
        synchronized (q) {
            while (!q.isEmpty() && !q.peekFirst().plus(window).isAfter(now)) q.removeFirst();
            if (q.size() < limit) return Optional.empty();
            return Optional.of(Duration.between(now, q.peekFirst().plus(window)));
        }
    }
}
