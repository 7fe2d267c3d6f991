package jlab.shell.serve;

import java.nio.file.Path;

import jlab.shell.Session;
import picocli.CommandLine.Option;

/** Which database jlab serve uses: {@code --db URL} (PostgreSQL), or the H2 file under the state directory. */
public final class DbOptions {
    @Option(names = "--db", paramLabel = "JDBC-URL",
            description = "The database: jdbc:postgresql://HOST/DB (default: an H2 file, STATE/serve/jlab.mv.db).") String url;
    @Option(names = "--db-user", paramLabel = "NAME", description = "The database user (its password: env JLAB_DB_PASSWORD).") String user;

    /** The URL: the one given, or the embedded file's. */
    String url(Session session) {
        return url != null ? url : "jdbc:h2:file:" + folder(session).resolve("jlab");
    }

    boolean embedded() { return url == null; }

    static Path folder(Session session) {
        return session.stateDir().root().resolve("serve");
    }

    /** From the environment, never from the command line (where ps and the shell's history would show it). */
    String password() {
        return System.getenv("JLAB_DB_PASSWORD");
    }
}
