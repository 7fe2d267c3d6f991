package jlab.web.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import jlab.web.security.Tokens;

/**
 * A real database for a test: an H2 file in the test's folder, or a schema
 * of its own in PostgreSQL (JLAB_TEST_PG_URL, or what scripts/postgres-test
 * prints), dropped at close. Without PostgreSQL the test is skipped, saying why — or fails, when
 * {@code JLAB_TEST_PG_REQUIRED=1}.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String H2 = "h2";
    public static final String POSTGRESQL = "postgresql";
    private static String pgUrl;
    private static String pgAbsent;

    public final Database db;
    private final String pgSchema;
    private final String url;

    private TestDatabase(Database db, String url, String pgSchema) {
        this.db = db;
        this.url = url;
        this.pgSchema = pgSchema;
    }

    public static TestDatabase open(String kind, Path dir) {
        if (kind.equals(H2)) {
            String url = Database.h2File(dir);
            return new TestDatabase(Database.open(url, null, null), url, null);
        }
        String url = postgresUrl();
        String schema = "t_" + Tokens.random().substring(0, 10).toLowerCase().replaceAll("[^a-z0-9]", "x");
        return new TestDatabase(Database.open(url, null, null, schema), url, schema);
    }

    /** The same database opened again (a restart of the server). */
    public Database reopen() {
        return Database.open(url, null, null, pgSchema);
    }

    static synchronized String postgresUrl() {
        if (pgUrl == null && pgAbsent == null) find();
        return available(pgUrl, pgAbsent, System.getenv(REQUIRED));
    }

    /** Set to 1 (run-tests does, as root in full mode): a missing PostgreSQL fails the test instead of skipping it. */
    static final String REQUIRED = "JLAB_TEST_PG_REQUIRED";

    /** The URL; else the test is skipped saying why, or fails when PostgreSQL is {@code required} ("1"). */
    static String available(String url, String absent, String required) {
        if (url == null && "1".equals(required)) {
            throw new AssertionError("PostgreSQL is required here (" + REQUIRED + "=1) but " + absent
                    + ": apt-get install postgresql (scripts/setup --test), or set JLAB_TEST_PG_URL");
        }
        Assumptions.assumeTrue(url != null, () -> "PostgreSQL tests skipped: " + absent);
        return url;
    }

    private static void find() {
        String env = System.getenv("JLAB_TEST_PG_URL");
        if (env != null && !env.isBlank()) {
            pgUrl = env.strip();
            return;
        }
        Path script = Path.of("").toAbsolutePath().getParent().resolve("scripts/postgres-test");
        if (!Files.isExecutable(script)) {
            pgAbsent = "no JLAB_TEST_PG_URL and no " + script;
            return;
        }
        try {
            Path out = Files.createTempFile("postgres-test", ".out");
            try {
                Process p = new ProcessBuilder(script.toString()).redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                    pgAbsent = script + " did not finish in 120 s";
                } else if (p.exitValue() != 0) {
                    pgAbsent = script + " exited " + p.exitValue() + " (PostgreSQL not installed, or not root)";
                } else {
                    pgUrl = Files.readString(out, StandardCharsets.UTF_8).strip();
                }
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            pgAbsent = "cannot run " + script + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pgAbsent = "interrupted";
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
        if (pgSchema == null) return;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + pgSchema + " CASCADE");
        }
    }
}
