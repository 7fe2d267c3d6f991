package jlab.web.serve;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import jlab.web.ClientError;
import jlab.web.db.Accounts;
import jlab.web.db.Role;
import jlab.web.db.Students;
import jlab.web.security.Session;
import jlab.web.security.Sessions;

/**
 * {@code /login}, {@code /logout} and {@code /account/password}.
 *
 * <p>Staff log in with their account's password; a student logs in with their
 * roster name and their token (the one on their card: it is already a secret
 * only they hold, so they need no second one). Every failure says the same
 * thing, whether the name exists or not, and takes as long (a hash is
 * computed either way), so the form does not tell who has an account.
 * Failures are throttled ({@link LoginThrottle}): 429 with Retry-After.
 */
final class LoginRoutes {
    static final int MIN_PASSWORD = 12;
    private final Sessions sessions;
    private final Accounts accounts;
    private final Students students;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    /** Verified against when the name is unknown, so an unknown name costs the same time as a wrong password. */
    private final String decoy;

    LoginRoutes(Sessions sessions, Accounts accounts, Students students, Passwords passwords, LoginThrottle throttle) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.students = students;
        this.passwords = passwords;
        this.throttle = throttle;
        this.decoy = passwords.hash(Passwords.oneTime());
    }

    void add(JavalinConfig cfg) {
        cfg.routes.get("/login", this::page);
        cfg.routes.post("/login", this::login);
        cfg.routes.post("/logout", ctx -> {
            sessions.end(ctx);
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
        });
        cfg.routes.get("/account/password", ctx -> ctx.render("serve/password.ftlh", model(ctx, null)));
        cfg.routes.post("/account/password", this::changePassword);
    }

    private void page(Context ctx) {
        // A session before the login, so that the form carries a CSRF token (a forged login is refused too).
        if (Sessions.current(ctx).isEmpty()) sessions.start(ctx);
        render(ctx, 200, null);
    }

    private void render(Context ctx, int status, String error) {
        Map<String, Object> m = new HashMap<>();
        m.put("csrf", Sessions.current(ctx).map(Session::csrf).orElse(""));
        if (error != null) m.put("error", error);
        ctx.status(status).render("serve/login.ftlh", m);
    }

    private void login(Context ctx) {
        if (Sessions.current(ctx).isEmpty()) throw ClientError.forbidden("open the login page first (/login): the form carries a security token");
        String name = Forms.text(ctx, "username", 64);
        String password = Forms.text(ctx, "password", 1024);
        String address = ctx.ip();
        Optional<Duration> wait = throttle.wait(name, address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            ctx.header("Retry-After", String.valueOf(seconds));
            throw new ClientError(429, "too many failed logins for this name or from this address: try again in " + seconds + " s");
        }
        Optional<Auth.User> user = check(name, password);
        if (user.isEmpty()) {
            throttle.failed(name, address);
            render(ctx, 401, "wrong name or password");
            return;
        }
        throttle.succeeded(name);
        Session s = sessions.start(ctx); // a new id: one planted before the login is worthless (session fixation)
        s.put(Auth.USER, user.get().name());
        s.put(Auth.ROLE, user.get().role().word());
        if (user.get().role().staff() && accounts.find(name).map(Accounts.Account::mustChange).orElse(false)) s.put(Auth.MUST_CHANGE, "yes");
        ctx.redirect(user.get().role().staff() ? "/" : "/me", HttpStatus.SEE_OTHER);
    }

    private Optional<Auth.User> check(String name, String password) {
        Optional<Accounts.Account> account = accounts.find(name);
        if (account.isPresent()) {
            Accounts.Account a = account.get();
            if (!passwords.verify(password, a.passwordHash())) return Optional.empty();
            if (passwords.outdated(a.passwordHash())) accounts.setPassword(name, passwords.hash(password), a.mustChange());
            return Optional.of(new Auth.User(name, a.role()));
        }
        passwords.verify(password, decoy);
        return students.byToken(password).filter(s -> s.student().equals(name)).map(s -> new Auth.User(name, Role.STUDENT));
    }

    private void changePassword(Context ctx) {
        Auth.User u = Auth.require(ctx, Role.INSTRUCTOR, Role.ASSISTANT);
        String current = Forms.text(ctx, "current", 1024);
        String fresh = Forms.text(ctx, "new", 1024);
        String again = Forms.text(ctx, "repeat", 1024);
        Accounts.Account a = accounts.find(u.name()).orElseThrow(() -> ClientError.unauthorized("no such account any more"));
        String error = null;
        if (!passwords.verify(current, a.passwordHash())) error = "the current password is wrong";
        else if (fresh.length() < MIN_PASSWORD) error = "the new password is shorter than " + MIN_PASSWORD + " characters";
        else if (!fresh.equals(again)) error = "the two new passwords differ";
        else if (fresh.equals(current)) error = "the new password is the old one";
        if (error != null) {
            ctx.status(400).render("serve/password.ftlh", model(ctx, error));
            return;
        }
        accounts.setPassword(u.name(), passwords.hash(fresh), false);
        Sessions.current(ctx).ifPresent(s -> s.remove(Auth.MUST_CHANGE));
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    private static Map<String, Object> model(Context ctx, String error) {
        Map<String, Object> m = Pages.model(ctx);
        m.put("mustChange", Sessions.current(ctx).flatMap(s -> s.get(Auth.MUST_CHANGE)).isPresent());
        m.put("minLength", MIN_PASSWORD);
        if (error != null) m.put("error", error);
        return m;
    }
}
