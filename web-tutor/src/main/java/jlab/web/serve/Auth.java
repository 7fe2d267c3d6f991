package jlab.web.serve;

import java.util.Set;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import jlab.web.ClientError;
import jlab.web.db.Role;
import jlab.web.security.Session;
import jlab.web.security.Sessions;

/**
 * Who is logged in, and the gate in front of every page: without a login a
 * browser is sent to {@code /login} (a script gets 401); a one-time password
 * must be changed before anything else; each route then says which roles it
 * serves ({@link #require}), and anybody else gets 403.
 */
final class Auth {
    static final String USER = "user";
    static final String ROLE = "role";
    static final String MUST_CHANGE = "must_change";
    /** Open to all: the login page, static files, and the API (it has its own bearer tokens). */
    private static final Set<String> OPEN = Set.of("/login", "/favicon.ico");
    private static final String PASSWORD_PAGE = "/account/password";

    /** Someone logged in. */
    record User(String name, Role role) {}

    private Auth() {}

    /** The before-handler, after the session and CSRF ones. */
    static void gate(Context ctx) {
        String path = ctx.path();
        if (OPEN.contains(path) || path.startsWith("/static/") || path.startsWith("/webjars/") || path.startsWith("/api/")) return;
        Session s = Sessions.current(ctx).orElse(null);
        if (s == null || s.get(USER).isEmpty()) {
            if (ctx.method().name().equals("GET") && !jsonWanted(ctx)) {
                ctx.redirect("/login", HttpStatus.SEE_OTHER);
                ctx.skipRemainingHandlers();
                return;
            }
            throw ClientError.unauthorized("log in first (/login)");
        }
        if (s.get(MUST_CHANGE).isPresent() && !path.equals(PASSWORD_PAGE) && !path.equals("/logout")) {
            ctx.redirect(PASSWORD_PAGE, HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
        }
    }

    static User user(Context ctx) {
        Session s = Sessions.current(ctx).orElseThrow(() -> ClientError.unauthorized("log in first (/login)"));
        String name = s.get(USER).orElseThrow(() -> ClientError.unauthorized("log in first (/login)"));
        return new User(name, Role.of(s.get(ROLE).orElse("")).orElseThrow());
    }

    /** The user, if their role is one of {@code roles}; else 403 saying who may. */
    static User require(Context ctx, Role... roles) {
        User u = user(ctx);
        for (Role r : roles) if (r == u.role()) return u;
        throw ClientError.forbidden("this page is for the " + words(roles) + ": you are logged in as " + u.role().word() + " " + u.name());
    }

    private static String words(Role... roles) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < roles.length; i++) b.append(i == 0 ? "" : i == roles.length - 1 ? " or " : ", ").append(roles[i].word());
        return b.toString();
    }

    private static boolean jsonWanted(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }
}
