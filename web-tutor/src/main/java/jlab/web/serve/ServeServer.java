package jlab.web.serve;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.javalin.Javalin;
import jlab.labs.grade.ResultAudit;
import jlab.labs.model.Lab;
import jlab.web.ClientError;
import jlab.web.Templates;
import jlab.web.WebServer;
import jlab.web.db.Accounts;
import jlab.web.db.Database;
import jlab.web.db.Labs;
import jlab.web.db.Students;
import jlab.web.db.Submissions;
import jlab.web.security.Sessions;

/**
 * {@code jlab serve}: the instructor's server on the shared {@link WebServer}
 * (sessions, CSRF, security headers, 413 over 1 MiB, refusals), with its
 * login gate and routes. No terminal route: students get no shell here.
 */
public final class ServeServer implements AutoCloseable {
    /** Sessions end after this long unused. */
    static final Duration IDLE = Duration.ofHours(8);
    private final Javalin app;

    private ServeServer(Javalin app) { this.app = app; }

    /**
     * Settings a test may change: the clock, the hash's cost, the login throttle.
     *
     * @param labs the labs the server grades, in the catalogue's order: a submission must be one of theirs, with
     *             their checks ({@link ResultAudit}), and each may have a deadline
     */
    public record Settings(Clock clock, Passwords passwords, LoginThrottle throttle, boolean secureCookies, List<Lab> labs) {
        public Settings {
            labs = List.copyOf(labs);
        }

        public static Settings standard(List<Lab> labs) {
            Clock clock = Clock.systemUTC();
            return new Settings(clock, new Passwords(), new LoginThrottle(5, Duration.ofMinutes(1), clock), false, labs);
        }

        public Settings withSecureCookies(boolean secure) { return new Settings(clock, passwords, throttle, secure, labs); }

        List<String> labIds() { return labs.stream().map(Lab::id).toList(); }

        Optional<Lab> lab(String id) { return labs.stream().filter(l -> l.id().equals(id)).findFirst(); }
    }

    public static ServeServer start(Database db, WebServer.Options options, Settings settings) {
        Sessions sessions = new Sessions(IDLE, settings.clock(), settings.secureCookies());
        Accounts accounts = new Accounts(db);
        Students students = new Students(db);
        Submissions submissions = new Submissions(db);
        Labs labs = new Labs(db);
        SubmissionIntake intake = new SubmissionIntake(students, submissions, labs, settings::lab, settings.clock());
        Javalin app = WebServer.create(options.withMaxRequestBytes(SubmissionIntake.MAX_BYTES), new Templates(), sessions, cfg -> {
            cfg.routes.before(Auth::gate);
            cfg.routes.post("/api/submissions", ctx -> {
                if (ctx.contentLength() > SubmissionIntake.MAX_BYTES) {
                    throw WebServer.refusedUnread(ctx, new ClientError(413, "the submission is over 1024 KiB"));
                }
                ctx.status(201).json(intake.take(ctx.header("Authorization"), ctx.bodyAsBytes()));
            });
            new LoginRoutes(sessions, accounts, students, settings.passwords(), settings.throttle()).add(cfg);
            new GradebookRoutes(students, submissions, labs).add(cfg);
            new RosterRoutes(students, settings.clock()).add(cfg);
            new DeadlineRoutes(labs, settings.labIds()).add(cfg);
            new AccountRoutes(accounts, settings.passwords(), settings.clock()).add(cfg);
            new StudentRoutes(submissions, labs).add(cfg);
        });
        app.start();
        return new ServeServer(app);
    }

    public int port() { return app.port(); }

    @Override
    public void close() { app.stop(); }
}
