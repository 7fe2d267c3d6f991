package jlab.web.db;

import java.sql.SQLException;

/** The database failed or refused: one line, never with a password in it. */
public final class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** SQLSTATE 23505: a UNIQUE constraint said no (the same in H2 and PostgreSQL). */
    private static final String UNIQUE_VIOLATION = "23505";
    private final boolean duplicate;

    public DatabaseException(String message) {
        this(message, false, null);
    }

    private DatabaseException(String message, boolean duplicate, Throwable cause) {
        super(message, cause);
        this.duplicate = duplicate;
    }

    public static DatabaseException of(SQLException e) {
        return new DatabaseException("database: " + Database.firstLine(e.getMessage()), UNIQUE_VIOLATION.equals(e.getSQLState()), e);
    }

    /** Whether a row with the same unique key was already there. */
    public boolean duplicate() { return duplicate; }
}
