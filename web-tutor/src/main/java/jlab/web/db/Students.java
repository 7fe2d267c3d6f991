package jlab.web.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The roster (table {@code student}): who may submit, and the digest of each one's token. */
public final class Students {
    public record Student(String student, String name, String email, Instant tokenIssuedAt) {}

    /** A row to import: the roster's student name, the person's name and email. */
    public record Row(String student, String name, String email) {}

    /**
     * What an import did: {@code issued} maps each new student to their new token (to be shown once, then
     * forgotten); {@code updated} lists those already there, whose name and email were refreshed, token kept.
     */
    public record Imported(Map<String, String> issued, List<String> updated) {}

    private final Database db;

    public Students(Database db) { this.db = db; }

    /**
     * Adds the new students (each with a new token from {@code tokens}) and refreshes the name and email of
     * those already there, all in one transaction. Never touches an existing token or a submission.
     */
    public Imported importRows(List<Row> rows, Supplier<String> tokens, Instant now) {
        return db.transaction(c -> {
            Map<String, String> issued = new LinkedHashMap<>();
            List<String> updated = new ArrayList<>();
            for (Row row : rows) {
                if (refresh(c, row)) {
                    updated.add(row.student());
                } else {
                    String token = tokens.get();
                    insert(c, row, token, now);
                    issued.put(row.student(), token);
                }
            }
            return new Imported(issued, updated);
        });
    }

    private static boolean refresh(Connection c, Row row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE student SET name = ?, email = ? WHERE student = ?")) {
            s.setString(1, row.name());
            s.setString(2, row.email());
            s.setString(3, row.student());
            return s.executeUpdate() == 1;
        }
    }

    private static void insert(Connection c, Row row, String token, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO student (student, name, email, token_sha256, token_issued_at,"
                + " imported_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, row.student());
            s.setString(2, row.name());
            s.setString(3, row.email());
            s.setString(4, TokenDigest.of(token));
            Times.set(s, 5, now);
            Times.set(s, 6, now);
            s.executeUpdate();
        }
    }

    /** Gives a student a new token (the old one stops working at once); false for a student not in the roster. */
    public boolean rotate(String student, String newToken, Instant now) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE student SET token_sha256 = ?, token_issued_at = ? WHERE student = ?")) {
                s.setString(1, TokenDigest.of(newToken));
                Times.set(s, 2, now);
                s.setString(3, student);
                return s.executeUpdate() == 1;
            }
        });
    }

    /**
     * The student whose token this is. The lookup is by the token's digest: a database index compares
     * digests, never the secret, so how long it takes tells nothing about the token.
     */
    public Optional<Student> byToken(String token) {
        return one("SELECT * FROM student WHERE token_sha256 = ?", TokenDigest.of(token));
    }

    public Optional<Student> find(String student) {
        return one("SELECT * FROM student WHERE student = ?", student);
    }

    public List<Student> all() {
        return db.transaction(c -> {
            List<Student> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT * FROM student ORDER BY student");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) out.add(read(r));
            }
            return out;
        });
    }

    private Optional<Student> one(String sql, String value) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, value);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(read(r)) : Optional.<Student>empty();
                }
            }
        });
    }

    private static Student read(ResultSet r) throws SQLException {
        return new Student(r.getString("student"), r.getString("name"), r.getString("email"), Times.get(r, "token_issued_at"));
    }
}
