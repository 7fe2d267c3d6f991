package jlab.web.tutor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.util.JavalinBindException;
import jlab.engine.state.StateDir;
import jlab.labs.Catalogue;
import jlab.labs.model.Lang;
import jlab.web.Templates;
import jlab.web.WebServer;
import jlab.web.course.Course;
import jlab.web.security.Sessions;
import jlab.web.security.Tokens;
import jlab.web.terminal.TerminalCommand;
import jlab.web.terminal.TerminalRoutes;
import jlab.web.terminal.TerminalService;

/**
 * {@code jlab web}: one student's tutor on 127.0.0.1, like Jupyter — a random
 * token in the printed URL, a session cookie once it is used, and 401 for
 * anyone else. The URL is also written to {@code <state>/web/url}, readable
 * by root only, for a script or a test to find.
 *
 * <pre>
 * try (Tutor tutor = Tutor.start(new Tutor.Options(7070, null, StateDir.fromEnvironment()))) {
 *     System.out.println(tutor.url());
 *     tutor.awaitStop();
 * }
 * </pre>
 */
public final class Tutor implements AutoCloseable {
    /** How many attempts per lab the history keeps. */
    static final int ATTEMPTS_KEPT = 200;

    /**
     * @param port  0 picks a free one
     * @param lang  {@code --lang}; null: each browser's Accept-Language
     * @param state jlab's state directory (the labs' notes, the containers, the tutor's attempts)
     * @param home  jlab's checkout, where the {@code jlab} launcher is: the web terminal runs it
     * @param labs  the labs it shows, read on another thread while the server starts
     */
    public record Options(int port, Lang lang, StateDir state, Path home, Supplier<Catalogue> labs) {
        /**
         * With {@link JlabHome#locate()} as the checkout, and the labs of {@code jlab lab list}: the built-in ones
         * and the instructor's of {@value Catalogue#LABS_DIR}.
         */
        public Options(int port, Lang lang, StateDir state) {
            this(port, lang, state, JlabHome.locate(), () -> Catalogue.standard(System.getenv()));
        }

        public Options withLabs(Supplier<Catalogue> other) { return new Options(port, lang, state, home, other); }
    }

    /** The port is taken (another jlab web?): one line a student can act on. */
    public static final class PortInUse extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortInUse(int port) {
            super("port " + port + " on 127.0.0.1 is in use (another jlab web?): stop it, or choose another with --port N",
                    null, false, false);
        }
    }

    private final Javalin app;
    private final TerminalService terminals;
    private final String token;
    private final Path urlFile;
    private final List<String> labProblems;
    private final Object stopped = new Object();
    private boolean closed;

    private Tutor(Javalin app, TerminalService terminals, String token, Path urlFile, List<String> labProblems) {
        this.app = app;
        this.terminals = terminals;
        this.token = token;
        this.urlFile = urlFile;
        this.labProblems = List.copyOf(labProblems);
    }

    public static Tutor start(Options options) {
        requireFree(options.port());
        String token = Tokens.random();
        Path webDir = options.state().root().resolve("web");
        Path urlFile = webDir.resolve("url");
        Sessions sessions = new Sessions(Duration.ofHours(12));
        Language language = new Language(options.lang());
        Course course = Course.fromClassPath();
        LabBook labs = new LabBook(options.labs()); // read on another thread while Jetty starts
        Attempts attempts = new Attempts(webDir.resolve("attempts"), ATTEMPTS_KEPT);
        TokenGate gate = new TokenGate(token, sessions, urlFile.toString());
        Templates templates = new Templates();
        // FreeMarker's first page loads its classes and parses the layout: done meanwhile too, not by the first request.
        CompletableFuture<String> warm = CompletableFuture.supplyAsync(() ->
                templates.render("error.ftlh", java.util.Map.of("status", 200, "message", "", "csrf", "")));
        RenderedPages pages = new RenderedPages(templates, attempts::version);
        CoursePages coursePages = new CoursePages(course, labs, attempts, language, pages);
        LabPage labPage = new LabPage(labs, course, attempts, language, pages);
        LabActions actions = new LabActions(labs, options.state(), attempts, language);
        ContainerPages containers = new ContainerPages(new HostContainers(options.state()), language);
        TerminalService terminals = new TerminalService(
                TerminalService.Options.defaults(TerminalCommand.standard(options.home()), "jlab"));

        Javalin app = WebServer.create(WebServer.Options.loopback(options.port()), templates, sessions, cfg -> {
            // Loopback only: compressing a page costs more CPU than sending it uncompressed to the same machine.
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.routes.before(gate::check);
            cfg.routes.get("/", coursePages::home);
            cfg.routes.get("/course/{id}", coursePages::chapter);
            cfg.routes.post("/course/{id}/quiz", coursePages::quiz);
            cfg.routes.get("/labs/{id}", labPage::show);
            cfg.routes.get("/containers", containers::page);
            cfg.routes.post("/api/labs/{id}/check", actions::check);
            cfg.routes.post("/api/labs/{id}/start", actions::start);
            cfg.routes.post("/api/labs/{id}/reset", actions::reset);
            cfg.routes.get("/api/labs/{id}/attempts", actions::history);
            cfg.routes.get("/api/containers", containers::list);
            cfg.routes.get("/api/containers/{name}/stats", containers::stats);
            cfg.routes.exception(LabActions.ActionFailed.class, (e, ctx) ->
                    ctx.status(500).json(java.util.Map.of("error", e.getMessage(), "status", 500)));
            // The terminal's ticket goes through the gate above; its WebSocket upgrade does not pass the
            // before-handlers, so it finds the browser's session from the cookie itself.
            TerminalRoutes.install(cfg, terminals, TerminalRoutes.sessionCookie(sessions));
        });
        try {
            app.start();
        } catch (JavalinBindException e) {
            app.stop();
            terminals.close();
            throw new PortInUse(options.port());
        }
        try {
            labs.ready();
            warm.join();
        } catch (RuntimeException e) {
            app.stop();
            terminals.close();
            throw e;
        }
        Tutor tutor = new Tutor(app, terminals, token, urlFile, labs.problems());
        tutor.writeUrlFile();
        return tutor;
    }

    /**
     * Fails early, in one line, when the port is taken: Jetty would say it too, but with a logged stack
     * trace first. (Jetty's own bind below still catches the rare race with another program.)
     */
    private static void requireFree(int port) {
        if (port == 0) return;
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true); // as Jetty binds: a port only in TIME_WAIT is free
            probe.bind(new java.net.InetSocketAddress("127.0.0.1", port));
        } catch (IOException taken) {
            throw new PortInUse(port);
        }
    }

    public int port() { return app.port(); }

    /** The instructor's labs left out, one line each saying why (as {@code jlab lab list} prints them). */
    public List<String> labProblems() { return labProblems; }

    /** The one link that opens the tutor: {@code http://127.0.0.1:PORT/?token=T}. */
    public String url() { return "http://127.0.0.1:" + port() + "/?" + TokenGate.PARAM + "=" + token; }

    /** Where the URL is written (mode 0600: the token is a secret of root's). */
    public Path urlFile() { return urlFile; }

    private void writeUrlFile() {
        try {
            Files.createDirectories(urlFile.getParent());
            Files.deleteIfExists(urlFile);
            // Created with its mode, never readable by others even for an instant.
            Files.createFile(urlFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(urlFile, url() + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + urlFile + ": " + e.getMessage(), e);
        }
    }

    /** Blocks until {@link #close} (another thread, a shutdown hook on Ctrl-C). */
    public void awaitStop() throws InterruptedException {
        synchronized (stopped) {
            while (!closed) stopped.wait();
        }
    }

    /** Stops the server and removes the URL file (its token is worthless from now on). */
    @Override
    public void close() {
        synchronized (stopped) {
            if (closed) return;
            closed = true;
            stopped.notifyAll();
        }
        app.stop();
        terminals.close(); // hangs up every terminal's session: the shells and REPLs end with the tutor
        try {
            Files.deleteIfExists(urlFile);
        } catch (IOException e) {
            // nothing to undo: the file names a server that is gone
        }
    }
}
