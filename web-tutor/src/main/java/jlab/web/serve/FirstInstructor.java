package jlab.web.serve;

import java.time.Clock;
import java.util.Optional;

import jlab.web.db.Accounts;
import jlab.web.db.Role;

/**
 * The way in: on a database without an instructor, {@code jlab serve} makes
 * one (named {@code instructor}, or as {@code --init-instructor NAME} says)
 * with a one-time password, printed once on the terminal that started the
 * server and changed at the first login. {@code --init-instructor NAME} on a
 * database that has instructors adds NAME, or gives the instructor NAME a new
 * one-time password: whoever runs jlab serve on the machine owns its
 * database anyway, so this is the way back in after a lost password.
 */
public final class FirstInstructor {
    public static final String DEFAULT_NAME = "instructor";

    /** The name and one-time password made, if one was. */
    public record Made(String name, String password) {}

    private FirstInstructor() {}

    /** @param name null: only when there is no instructor yet, named {@value #DEFAULT_NAME} */
    public static Optional<Made> ensure(Accounts accounts, Passwords passwords, String name, Clock clock) {
        if (name == null && accounts.anyInstructor()) return Optional.empty();
        String who = name == null ? DEFAULT_NAME : name;
        if (!AccountRoutes.NAME.matcher(who).matches()) {
            throw new IllegalArgumentException("--init-instructor: '" + who + "' is not an account name (a letter or digit, then letters, digits, . _ - @)");
        }
        String password = Passwords.oneTime();
        Optional<Accounts.Account> existing = accounts.find(who);
        if (existing.isPresent()) {
            if (existing.get().role() != Role.INSTRUCTOR) {
                throw new IllegalArgumentException("--init-instructor: '" + who + "' is an " + existing.get().role().word() + "'s account, not an instructor's");
            }
            accounts.setPassword(who, passwords.hash(password), true);
        } else {
            accounts.create(who, Role.INSTRUCTOR, passwords.hash(password), true, clock.instant());
        }
        return Optional.of(new Made(who, password));
    }
}
