package jlab.web.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every submission received (table {@code submission}): the bytes as they
 * came, and the fields the gradebook sorts and sums by. Rows are only ever
 * added: a second copy of the same bytes, or of the same student, lab and
 * {@code submitted_at}, is refused by the table's UNIQUE constraints — so
 * two requests racing with one replay cannot both get in.
 */
public final class Submissions {
    /** A submission; {@code body} is null when the query did not ask for it. */
    public record Stored(long id, String student, String lab, Instant submittedAt, Instant receivedAt, double score,
                         int maxScore, boolean passed, String bodySha256, byte[] body) {}

    private final Database db;

    public Submissions(Database db) { this.db = db; }

    /** Adds one; returns its id. A replay is a {@link DatabaseException} whose {@code duplicate()} is true. */
    public long add(String student, String lab, Instant submittedAt, Instant receivedAt, double score, int maxScore,
                    boolean passed, byte[] body) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO submission (student, lab, submitted_at, received_at, score,"
                    + " max_score, passed, body_sha256, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, student);
                s.setString(2, lab);
                Times.set(s, 3, submittedAt);
                Times.set(s, 4, receivedAt);
                s.setDouble(5, score);
                s.setInt(6, maxScore);
                s.setBoolean(7, passed);
                s.setString(8, TokenDigest.of(body));
                s.setBytes(9, body);
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong("id");
                }
            }
        });
    }

    /** The submission with these very bytes, or of this student and lab with this {@code submitted_at}: a replay's original. */
    public Optional<Stored> original(byte[] body, String student, String lab, Instant submittedAt) {
        List<Stored> same = query("SELECT " + FIELDS + " FROM submission WHERE body_sha256 = ? OR (student = ? AND lab = ? AND submitted_at = ?)",
                false, s -> {
                    s.setString(1, TokenDigest.of(body));
                    s.setString(2, student);
                    s.setString(3, lab);
                    Times.set(s, 4, submittedAt);
                });
        return same.stream().findFirst();
    }

    /** All of them, oldest first; with their bytes when {@code bodies}. */
    public List<Stored> all(boolean bodies) {
        return query("SELECT " + FIELDS + (bodies ? ", body" : "") + " FROM submission ORDER BY received_at, id", bodies, s -> {});
    }

    /** One student's, oldest first. */
    public List<Stored> of(String student) {
        return query("SELECT " + FIELDS + " FROM submission WHERE student = ? ORDER BY received_at, id", false,
                s -> s.setString(1, student));
    }

    public Optional<Stored> find(long id) {
        return query("SELECT " + FIELDS + ", body FROM submission WHERE id = ?", true, s -> s.setLong(1, id)).stream().findFirst();
    }

    private static final String FIELDS = "id, student, lab, submitted_at, received_at, score, max_score, passed, body_sha256";

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private List<Stored> query(String sql, boolean bodies, Binder binder) {
        return db.transaction(c -> {
            List<Stored> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                binder.bind(s);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new Stored(r.getLong("id"), r.getString("student"), r.getString("lab"), Times.get(r, "submitted_at"),
                                Times.get(r, "received_at"), r.getDouble("score"), r.getInt("max_score"), r.getBoolean("passed"),
                                r.getString("body_sha256"), bodies ? r.getBytes("body") : null));
                    }
                }
            }
            return out;
        });
    }
}
