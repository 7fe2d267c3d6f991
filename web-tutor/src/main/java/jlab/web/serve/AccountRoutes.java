package jlab.web.serve;

import java.time.Clock;
import java.util.Map;
import java.util.regex.Pattern;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import jlab.web.ClientError;
import jlab.web.db.Accounts;
import jlab.web.db.Role;

/** {@code /accounts}: the instructor adds staff (an instructor or an assistant), each with a one-time password shown once. */
final class AccountRoutes {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private final Accounts accounts;
    private final Passwords passwords;
    private final Clock clock;

    AccountRoutes(Accounts accounts, Passwords passwords, Clock clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.clock = clock;
    }

    void add(JavalinConfig cfg) {
        cfg.routes.get("/accounts", ctx -> page(ctx, null, null));
        cfg.routes.post("/accounts", this::create);
    }

    private void page(Context ctx, String created, String password) {
        Auth.require(ctx, Role.INSTRUCTOR);
        Map<String, Object> m = Pages.model(ctx);
        m.put("accounts", accounts.all());
        if (created != null) {
            m.put("created", created);
            m.put("oneTime", password);
        }
        ctx.render("serve/accounts.ftlh", m);
    }

    private void create(Context ctx) {
        Auth.require(ctx, Role.INSTRUCTOR);
        String name = Forms.text(ctx, "username", 64).strip();
        String roleWord = Forms.text(ctx, "role", 16);
        if (!NAME.matcher(name).matches()) throw ClientError.badRequest("'" + name + "' is not an account name (a letter or digit, then letters, digits, . _ - @)");
        Role role = Role.of(roleWord).filter(Role::staff)
                .orElseThrow(() -> ClientError.badRequest("role: '" + roleWord + "': an account is an instructor or an assistant (students sign in with their token)"));
        String password = Passwords.oneTime();
        if (!accounts.create(name, role, passwords.hash(password), true, clock.instant())) {
            throw new ClientError(409, "there is already an account '" + name + "'");
        }
        page(ctx, name, password);
    }
}
