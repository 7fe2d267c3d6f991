package jlab.web.terminal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jlab.kernel.KernelException;
import jlab.kernel.pty.PtyProcess;
import jlab.kernel.pty.WindowSize;
import jlab.web.ClientError;
import jlab.web.security.Tokens;

/**
 * The web terminals of a tutor: each a program on a pseudo-terminal
 * ({@link PtyProcess}), owned by one browser session, with its scrollback.
 *
 * <p>A terminal outlives its WebSocket for {@code reconnectWindow}: a page
 * whose connection dropped (a laptop lid, a flaky network) opens a new one
 * with a new ticket and finds the same shell, its screen replayed. After the
 * window, or when the page says it is closing, the terminal is hung up and
 * its processes end. Bounded: {@code maxPerSession} terminals per browser
 * session, {@code maxTerminals} in all.
 */
public final class TerminalService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TerminalService.class);

    /** How terminals behave; {@link #defaults} are what {@code jlab web} uses. */
    public record Options(Map<String, TerminalCommand> commands, String defaultCommand, int maxPerSession,
                          int maxTerminals, Duration reconnectWindow, int scrollbackBytes, Duration ticketLifetime,
                          Duration hangupGrace, int maxMessageBytes) {
        public Options {
            commands = Map.copyOf(commands);
            if (!commands.containsKey(defaultCommand)) {
                throw new IllegalArgumentException("the default terminal command '" + defaultCommand + "' is not one of " + commands.keySet());
            }
        }

        public static Options defaults(Map<String, TerminalCommand> commands, String defaultCommand) {
            return new Options(commands, defaultCommand, 4, 64, Duration.ofSeconds(60), 256 * 1024,
                    Duration.ofSeconds(30), Duration.ofSeconds(2), 64 * 1024);
        }

        public Options withReconnectWindow(Duration d) {
            return new Options(commands, defaultCommand, maxPerSession, maxTerminals, d, scrollbackBytes, ticketLifetime, hangupGrace, maxMessageBytes);
        }

        public Options withTicketLifetime(Duration d) {
            return new Options(commands, defaultCommand, maxPerSession, maxTerminals, reconnectWindow, scrollbackBytes, d, hangupGrace, maxMessageBytes);
        }
    }

    private final Options options;
    private final Tickets tickets;
    private final Map<String, Terminal> byId = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> expiries = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("terminal-timer"));
    private final ExecutorService hangups = Executors.newCachedThreadPool(daemon("terminal-hangup"));

    public TerminalService(Options options, Clock clock) {
        this.options = options;
        this.tickets = new Tickets(options.ticketLifetime(), clock);
    }

    public TerminalService(Options options) { this(options, Clock.systemUTC()); }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    Options options() { return options; }

    /** Starts a terminal running {@code command} (null: the default) for this browser session. */
    Terminal open(String owner, String command) {
        String name = command == null ? options.defaultCommand() : command;
        TerminalCommand c = options.commands().get(name);
        if (c == null) {
            throw ClientError.badRequest("unknown terminal command '" + clip(name) + "': choose one of " + options.commands().keySet());
        }
        synchronized (this) {
            long mine = byId.values().stream().filter(t -> t.owner.equals(owner) && !t.ending()).count();
            if (mine >= options.maxPerSession()) {
                throw new ClientError(429, "this browser already has " + mine + " terminals open: close one (its tab) first");
            }
            if (byId.size() >= options.maxTerminals()) {
                throw new ClientError(429, "the tutor runs " + byId.size() + " terminals, its most: close one first");
            }
        }
        Terminal t = new Terminal(Tokens.random().substring(0, 22), owner, name, options.scrollbackBytes(), this::forget);
        byId.put(t.id, t);
        try {
            t.start(new PtyProcess.Spec(c.argv(), c.environment(System.getenv()), c.directory(), WindowSize.standard()));
        } catch (KernelException e) {
            byId.remove(t.id);
            LOG.error("terminal {} could not start {}", t.id, c.argv(), e);
            throw new IllegalStateException("could not start the terminal's program " + c.argv().get(0), e);
        }
        LOG.info("terminal {} started: {} pid {}", t.id, name, t.pid());
        expireUnlessShown(t); // a terminal whose page never connects ends like one whose page left
        return t;
    }

    /** This session's terminal {@code id}; 404 if it has ended or is another's (whose existence we do not reveal). */
    Terminal find(String owner, String id) {
        Terminal t = id == null ? null : byId.get(id);
        if (t == null || !t.owner.equals(owner) || t.ending()) {
            throw ClientError.notFound("no terminal '" + clip(String.valueOf(id)) + "' in this browser session: it has ended, open a new one");
        }
        return t;
    }

    String ticket(Terminal t) { return tickets.issue(t.owner, t.id); }

    Tickets.Outcome redeem(String ticket, String browserSession) { return tickets.redeem(ticket, browserSession); }

    Optional<Terminal> get(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id)).filter(t -> !t.ending());
    }

    /** A page attached: no expiry while it is there. */
    void shown(Terminal t) {
        ScheduledFuture<?> f = expiries.remove(t.id);
        if (f != null) f.cancel(false);
    }

    /** The page left: the terminal ends unless a page attaches within the reconnect window. */
    void expireUnlessShown(Terminal t) {
        ScheduledFuture<?> f = timers.schedule(() -> {
            if (!t.hasViewer()) {
                LOG.info("terminal {}: no page for {} s, hanging up", t.id, options.reconnectWindow().toSeconds());
                end(t);
            }
        }, options.reconnectWindow().toMillis(), TimeUnit.MILLISECONDS);
        ScheduledFuture<?> old = expiries.put(t.id, f);
        if (old != null) old.cancel(false);
    }

    /** Hangs the terminal up now (in the background: the grace period must not hold the caller). */
    void end(Terminal t) {
        t.markEnding();
        shown(t); // cancels the expiry
        hangups.submit(() -> t.process().close(options.hangupGrace()));
    }

    private void forget(Terminal t) {
        byId.remove(t.id);
        ScheduledFuture<?> f = expiries.remove(t.id);
        if (f != null) f.cancel(false);
        LOG.info("terminal {} ended", t.id);
    }

    /** The pid of each live terminal's program, by terminal id (for the live view, and tests). */
    public Map<String, Long> pids() {
        Map<String, Long> m = new java.util.TreeMap<>();
        byId.values().forEach(t -> m.put(t.id, t.pid()));
        return m;
    }

    /** Ends every terminal and waits (bounded) until their programs are gone. */
    @Override
    public void close() {
        List<Terminal> all = List.copyOf(byId.values());
        all.forEach(Terminal::markEnding);
        all.parallelStream().forEach(t -> t.process().close(options.hangupGrace()));
        timers.shutdownNow();
        hangups.shutdown();
        try {
            hangups.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
