package jlab.web.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Per-lab deadlines (table {@code lab}), set by the instructor. */
public final class Labs {
    private final Database db;

    public Labs(Database db) { this.db = db; }

    /** Sets (or, with null, removes) the deadline of {@code lab}. */
    public void deadline(String lab, Instant deadline) {
        db.transaction(c -> {
            int changed;
            try (PreparedStatement s = c.prepareStatement("UPDATE lab SET deadline = ? WHERE lab = ?")) {
                Times.set(s, 1, deadline);
                s.setString(2, lab);
                changed = s.executeUpdate();
            }
            if (changed == 0) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO lab (lab, deadline) VALUES (?, ?)")) {
                    s.setString(1, lab);
                    Times.set(s, 2, deadline);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    public Optional<Instant> deadline(String lab) {
        return Optional.ofNullable(deadlines().get(lab));
    }

    /** Every lab with a deadline, by id. */
    public Map<String, Instant> deadlines() {
        return db.transaction(c -> {
            Map<String, Instant> out = new TreeMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT lab, deadline FROM lab WHERE deadline IS NOT NULL");
                 ResultSet r = s.executeQuery()) {
                while (r.next()) out.put(r.getString("lab"), Times.get(r, "deadline"));
            }
            return out;
        });
    }
}
