package jlab.shell.serve;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

import jlab.engine.EngineException;
import jlab.labs.Catalogue;
import jlab.shell.Session;
import jlab.web.WebServer;
import jlab.web.db.Accounts;
import jlab.web.db.Database;
import jlab.web.db.DatabaseException;
import jlab.web.serve.FirstInstructor;
import jlab.web.serve.Passwords;
import jlab.web.serve.RosterCsv;
import jlab.web.serve.RosterImport;
import jlab.web.serve.ServeServer;
import jlab.web.db.Students;

/** What {@code jlab serve} and {@code jlab serve import-roster} do, once their options are read. */
final class ServeRunner {
    /** An address literal (IPv4 or IPv6): a name would need a DNS lookup, and a server binds addresses. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:.]+]?");
    private static final long MAX_ROSTER = 1 << 20;
    private final Session session;

    ServeRunner(Session session) { this.session = session; }

    int serve(ServeCommand c) {
        if (c.port < 0 || c.port > 65535) throw new EngineException("--port takes a number between 0 and 65535, not " + c.port);
        InetAddress address = address(c.host);
        Database db = open(c.db);
        ServeServer server;
        try {
            FirstInstructor.ensure(new Accounts(db), new Passwords(), c.initInstructor, Clock.systemUTC()).ifPresent(made ->
                    session.out().println("jlab serve: instructor account '" + made.name() + "', one-time password: "
                            + made.password() + "  (shown once: log in and choose your own)"));
            // The labs it grades: the built-in ones and the instructor's (JLAB_LABS_DIR); one left out says why.
            Catalogue catalogue = Catalogue.standard(System.getenv());
            catalogue.problems().forEach(p -> session.err().println("jlab serve: " + p));
            ServeServer.Settings settings = ServeServer.Settings.standard(catalogue.all()).withSecureCookies(c.secureCookies);
            server = ServeServer.start(db, new WebServer.Options(c.host.replaceAll("^\\[|]$", ""), c.port, 1 << 20), settings);
        } catch (IllegalArgumentException e) {
            db.close();
            throw new EngineException(e.getMessage());
        } catch (RuntimeException e) {
            db.close();
            if (causedBy(e, BindException.class)) {
                throw new EngineException("cannot listen on " + c.host + ":" + c.port + ": the port is in use (choose another with --port)");
            }
            throw e;
        }
        // The hook before the URL: a SIGTERM sent as soon as the URL is read must find it in place.
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            db.close();
            stopped.countDown();
        }, "jlab-serve-stop");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            hook.run(); // the JVM is already stopping (a signal during the start): stop with it
            return 0;
        }
        String shown = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        session.out().println("jlab serve: http://" + shown + ":" + server.port() + "/  (database " + db.url() + "; Ctrl-C stops it)");
        if (!address.isLoopbackAddress()) {
            session.err().println("jlab serve: warning: serving on " + c.host + " over plain HTTP: passwords and tokens cross the"
                    + " network readable by anyone on the path; put a TLS proxy in front (and add --secure-cookies)");
        }
        return waitForTheEnd(hook, stopped);
    }

    /** Serves until Ctrl-C (SIGINT or SIGTERM: the shutdown hook) or an interrupt (the REPL's Ctrl-C), then closes both. */
    private static int waitForTheEnd(Thread hook, CountDownLatch stopped) {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            hook.run();
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    int importRoster(ImportRosterCommand c) {
        byte[] bytes = readRoster(c.file);
        if (c.tokensOut != null && Files.exists(c.tokensOut)) {
            throw new EngineException("--tokens-out " + c.tokensOut + ": the file exists (it may hold tokens already): choose another name");
        }
        RosterImport.Outcome outcome;
        try (Database db = open(c.db)) {
            outcome = new RosterImport(new Students(db), Clock.systemUTC()).run(bytes);
        } catch (RosterCsv.FileError e) {
            throw new EngineException(c.file + ": " + e.getMessage() + "; nothing was imported");
        }
        outcome.problems().forEach(p -> session.err().println("jlab serve import-roster: " + c.file + ":" + p.line() + ": " + p.reason()));
        String tokens = RosterImport.tokensCsv(outcome.issued());
        if (c.tokensOut != null) {
            writePrivate(c.tokensOut, tokens);
            session.out().println(outcome.summary() + "; the new tokens are in " + c.tokensOut);
        } else {
            session.out().println(outcome.summary() + (outcome.issued().isEmpty() ? "" : "; the new tokens, shown once:"));
            if (!outcome.issued().isEmpty()) session.out().print(tokens);
        }
        return outcome.problems().isEmpty() ? 0 : 1;
    }

    private Database open(DbOptions o) {
        try {
            if (o.embedded()) {
                Path folder = DbOptions.folder(session);
                Files.createDirectories(folder);
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            }
            return Database.open(o.url(session), o.user, o.password());
        } catch (DatabaseException e) {
            throw new EngineException(e.getMessage());
        } catch (IOException e) {
            throw new EngineException("cannot make " + DbOptions.folder(session) + ": " + e.getMessage());
        }
    }

    private static InetAddress address(String host) {
        if (!ADDRESS.matcher(host).matches()) {
            throw new EngineException("--host takes an address such as 127.0.0.1 or 0.0.0.0, not '" + host + "'");
        }
        try {
            return InetAddress.getByName(host); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new EngineException("--host takes an address such as 127.0.0.1 or 0.0.0.0, not '" + host + "'");
        }
    }

    private static byte[] readRoster(Path file) {
        try {
            if (!Files.isRegularFile(file)) throw new EngineException("no file " + file + ": give the roster's CSV file");
            if (Files.size(file) > MAX_ROSTER) throw new EngineException(file + ": over 1 MiB, too big for a roster");
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new EngineException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Created readable by its owner only, from the start (no moment when others could read the tokens). */
    private static void writePrivate(Path file, String text) {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException e) {
            throw new EngineException("--tokens-out " + file + ": the file exists: choose another name");
        } catch (IOException e) {
            throw new EngineException("cannot write " + file + ": " + e.getMessage());
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) if (type.isInstance(t)) return true;
        return false;
    }
}
