package jlab.web.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * jlab serve's SQL database: an embedded H2 file by default, PostgreSQL by
 * JDBC URL. Opening it brings its schema up to date with the Flyway
 * migrations of {@code classpath:db/migration} (the same SQL for both).
 *
 * <p>Plain JDBC, a new connection per unit of work: the repositories
 * ({@link Accounts}, {@link Students}, {@link Labs}, {@link Submissions}) are
 * short SQL a student can read. For H2 one connection stays open while the
 * database is: an embedded H2 closes its file when its last connection
 * closes, and reopening it for each request would cost more than the request.
 * That connection also holds H2's file lock, so a second server on the same
 * file is refused at start, not corrupted.
 */
public final class Database implements AutoCloseable {
    private final String url;
    private final Properties credentials;
    private final Connection keeper;

    private Database(String url, Properties credentials, Connection keeper) {
        this.url = url;
        this.credentials = credentials;
        this.keeper = keeper;
    }

    /** The embedded default: {@code <dir>/jlab.mv.db}. */
    public static String h2File(Path dir) {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("jlab");
    }

    /**
     * Opens the database at {@code url} and migrates its schema; {@code user} and
     * {@code password} may be null (H2's default user, or credentials in the URL).
     * Fails with {@link DatabaseException}, one line saying what went wrong.
     */
    public static Database open(String url, String user, String password, String schema) {
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new DatabaseException("--db takes jdbc:h2:file:PATH or jdbc:postgresql://HOST/DB, not '" + url + "'");
        }
        Properties p = new Properties();
        if (user != null) p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        if (schema != null && url.startsWith("jdbc:postgresql:")) p.setProperty("currentSchema", schema);
        Connection keeper = null;
        try {
            if (url.startsWith("jdbc:h2:")) keeper = DriverManager.getConnection(url, p);
            migrate(url, p, schema);
            return new Database(url, p, keeper);
        } catch (SQLException e) {
            closeQuietly(keeper);
            if (e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1) {
                // H2's file lock: another process (a running jlab serve) has the file open.
                throw new DatabaseException("cannot open the database " + redacted(url) + ": another jlab serve has it open"
                        + " (import through its Roster page, or stop it first)");
            }
            throw new DatabaseException("cannot open the database " + redacted(url) + ": " + firstLine(e.getMessage()));
        } catch (FlywayException e) {
            closeQuietly(keeper);
            throw new DatabaseException("cannot bring the schema of " + redacted(url) + " up to date: " + firstLine(e.getMessage()));
        }
    }

    public static Database open(String url, String user, String password) {
        return open(url, user, password, null);
    }

    private static void migrate(String url, Properties p, String schema) {
        var config = Flyway.configure()
                .dataSource(url, p.getProperty("user"), p.getProperty("password"))
                .locations("classpath:db/migration")
                .failOnMissingLocations(true);
        if (schema != null) config.schemas(schema);
        config.load().migrate();
    }

    /** A new connection; the caller closes it (try-with-resources). */
    public Connection connection() throws SQLException {
        return DriverManager.getConnection(url, credentials);
    }

    /** Runs {@code work} in one transaction: all of it is committed, or (on any exception) none of it. */
    public <T> T transaction(Work<T> work) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw DatabaseException.of(e);
        }
    }

    /** One unit of work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** The URL without a password it may carry ({@code ?password=...}): for messages and logs. */
    public static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    public String url() { return redacted(url); }

    @Override
    public void close() {
        closeQuietly(keeper);
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing: nothing more to do with it
        }
    }

    static String firstLine(String s) {
        if (s == null) return "(no message)";
        String line = s.lines().findFirst().orElse("").strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
