package jlab.web.terminal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jlab.web.security.Tokens;

/**
 * Single-use, short-lived tickets that let one WebSocket into one terminal.
 *
 * <p>Why not the session cookie alone? A WebSocket is not covered by the
 * browser's same-origin rules the way a {@code fetch} is: any page the
 * student opens may try {@code new WebSocket("ws://127.0.0.1:7070/...")},
 * and the browser may add our cookie. So the page first asks for a ticket
 * with a request that needs the session <em>and</em> its CSRF token (which
 * another site cannot read), and opens the socket with it. A ticket is worth
 * one connection, for {@link #lifetime} only, for the browser session that
 * asked for it and the terminal it names: a ticket that leaked (a log, the
 * history) is worthless a moment later.
 */
final class Tickets {
    /** Outstanding tickets, at most: a page asking in a loop cannot fill our memory. */
    static final int MAX_OUTSTANDING = 1000;

    /** What a ticket grants, and until when. */
    record Grant(String browserSession, String terminal, Instant expires) {}

    /** Why a ticket was refused, in words the page shows. */
    enum Refusal {
        UNKNOWN("this terminal link is used or expired: reload the page"),
        OTHER_SESSION("this terminal belongs to another browser session: reload the page");

        final String reason;

        Refusal(String reason) { this.reason = reason; }
    }

    /** A redeemed ticket: its terminal, or why not. */
    record Outcome(String terminal, Refusal refusal) {}

    private final Map<String, Grant> byTicket = new ConcurrentHashMap<>();
    private final Duration lifetime;
    private final Clock clock;

    Tickets(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    String issue(String browserSession, String terminal) {
        Instant now = clock.instant();
        if (byTicket.size() >= MAX_OUTSTANDING) dropExpired(now);
        if (byTicket.size() >= MAX_OUTSTANDING) {
            throw new IllegalStateException("too many terminal tickets outstanding");
        }
        String ticket = Tokens.random();
        byTicket.put(ticket, new Grant(browserSession, terminal, now.plus(lifetime)));
        return ticket;
    }

    /**
     * Uses the ticket up (whatever the outcome: it never works twice) and says
     * which terminal it opens. {@code browserSession} is the session of the
     * WebSocket's own request, or null when it carried none.
     */
    Outcome redeem(String ticket, String browserSession) {
        if (ticket == null || ticket.length() > 64) return new Outcome(null, Refusal.UNKNOWN);
        // The map lookup hashes the ticket; an attacker learns nothing from timing that a 256-bit guess could use.
        Grant g = byTicket.remove(ticket);
        if (g == null || g.expires().isBefore(clock.instant())) return new Outcome(null, Refusal.UNKNOWN);
        if (!Tokens.same(g.browserSession(), browserSession)) return new Outcome(null, Refusal.OTHER_SESSION);
        return new Outcome(g.terminal(), null);
    }

    private void dropExpired(Instant now) {
        for (Iterator<Grant> it = byTicket.values().iterator(); it.hasNext(); ) {
            if (it.next().expires().isBefore(now)) it.remove();
        }
    }
}
