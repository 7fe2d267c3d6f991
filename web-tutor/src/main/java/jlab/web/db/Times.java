package jlab.web.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants in and out of {@code TIMESTAMP WITH TIME ZONE} columns, always in
 * UTC, cut to microseconds (PostgreSQL keeps no more; H2 would keep
 * nanoseconds, and the two must read back the same value).
 */
final class Times {
    private Times() {}

    static void set(PreparedStatement s, int index, Instant t) throws SQLException {
        s.setObject(index, t == null ? null : OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }

    static Instant get(ResultSet r, String column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
