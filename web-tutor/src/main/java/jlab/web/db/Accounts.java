package jlab.web.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The staff's accounts (table {@code account}): instructors and assistants, who log in with a password. */
public final class Accounts {
    /** One account; {@code passwordHash} is {@code pbkdf2-sha256$...} (see jlab.web.serve.Passwords). */
    public record Account(String username, Role role, String passwordHash, boolean mustChange, Instant createdAt) {}

    private final Database db;

    public Accounts(Database db) { this.db = db; }

    /** Adds an account; false when the name is taken (nothing changed). */
    public boolean create(String username, Role role, String passwordHash, boolean mustChange, Instant now) {
        if (!role.staff()) throw new IllegalArgumentException("students sign in with their token, they have no account");
        try {
            return db.transaction(c -> {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO account (username, role, password_hash, must_change, created_at) VALUES (?, ?, ?, ?, ?)")) {
                    s.setString(1, username);
                    s.setString(2, role.word());
                    s.setString(3, passwordHash);
                    s.setBoolean(4, mustChange);
                    Times.set(s, 5, now);
                    s.executeUpdate();
                }
                return true;
            });
        } catch (DatabaseException e) {
            if (e.duplicate()) return false;
            throw e;
        }
    }

    public Optional<Account> find(String username) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM account WHERE username = ?")) {
                s.setString(1, username);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(read(r)) : Optional.<Account>empty();
                }
            }
        });
    }

    public List<Account> all() {
        return db.transaction(c -> {
            List<Account> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM account ORDER BY username");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) out.add(read(r));
            }
            return out;
        });
    }

    /** Whether any instructor exists: the first start creates one when none does. */
    public boolean anyInstructor() {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM account WHERE role = 'instructor'");
                 ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1) > 0;
            }
        });
    }

    /** A new password hash (changed, or re-hashed with more iterations); {@code mustChange} as given. */
    public void setPassword(String username, String passwordHash, boolean mustChange) {
        db.transaction(c -> update(c, username, passwordHash, mustChange));
    }

    private static int update(Connection c, String username, String hash, boolean mustChange) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE account SET password_hash = ?, must_change = ? WHERE username = ?")) {
            s.setString(1, hash);
            s.setBoolean(2, mustChange);
            s.setString(3, username);
            return s.executeUpdate();
        }
    }

    private static Account read(ResultSet r) throws SQLException {
        return new Account(r.getString("username"), Role.of(r.getString("role")).orElseThrow(), r.getString("password_hash"),
                r.getBoolean("must_change"), Times.get(r, "created_at"));
    }
}
