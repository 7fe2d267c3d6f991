package jlab.web.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * How the tests find PostgreSQL: scripts/postgres-test picks the cluster of
 * whatever version is installed (here with stand-ins for Debian's cluster
 * tools on PATH), and a missing database fails the tests when it is required.
 */
class PostgresTestSetupTest {
    private static final Path SCRIPT = Path.of("").toAbsolutePath().getParent().resolve("scripts/postgres-test");
    @TempDir Path bin;

    private void fake(String name, String body) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs the script with pg_lsclusters printing {@code clusters}; su answers "1" to every query (role, database exist). */
    private String[] run(String clusters) throws Exception {
        assumeTrue("0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).strip()),
                "requires root: the script refuses to run otherwise");
        fake("pg_lsclusters", "cat <<'END'\n" + clusters + "END");
        fake("pg_ctlcluster", "exit 0");
        fake("su", "echo 1");
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString());
        pb.environment().put("PATH", bin + ":/usr/sbin:/usr/bin:/sbin:/bin");
        pb.environment().remove("JLAB_PG_VERSION");
        pb.environment().remove("JLAB_PG_CLUSTER");
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String[] {String.valueOf(p.exitValue()), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip(),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip()};
    }

    @Test
    void the_script_uses_the_newest_online_cluster_whatever_its_version() throws Exception {
        String[] r = run("15 main 5432 down postgres /var/lib/postgresql/15/main /var/log/postgresql/15.log\n"
                + "17 main 5434 online postgres /var/lib/postgresql/17/main /var/log/postgresql/17.log\n"
                + "16 other 5433 online postgres /var/lib/postgresql/16/other /var/log/postgresql/16.log\n");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).isEqualTo("jdbc:postgresql://127.0.0.1:5434/jlab_test?user=jlab_test&password=jlab_test");
    }

    @Test
    void without_a_main_cluster_the_script_says_how_to_make_one() throws Exception {
        String[] r = run("16 other 5433 online postgres /var/lib/postgresql/16/other /var/log/postgresql/16.log\n");
        assertThat(r[0]).isEqualTo("3");
        assertThat(r[1]).isEmpty();
        assertThat(r[2]).startsWith("postgres-test: no PostgreSQL cluster named main (pg_createcluster ");
    }

    @Test
    void a_missing_postgresql_skips_unless_it_is_required_then_it_fails() {
        assertThatThrownBy(() -> TestDatabase.available(null, "not installed", null)).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("PostgreSQL tests skipped: not installed");
        assertThatThrownBy(() -> TestDatabase.available(null, "not installed", "1")).isInstanceOf(AssertionError.class)
                .isNotInstanceOf(TestAbortedException.class).hasMessageContaining("JLAB_TEST_PG_REQUIRED=1").hasMessageContaining("not installed");
        assertThat(TestDatabase.available("jdbc:postgresql://x/y", null, "1")).isEqualTo("jdbc:postgresql://x/y");
    }
}
