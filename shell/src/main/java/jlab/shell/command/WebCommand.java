package jlab.shell.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;

import jlab.engine.Engine;
import jlab.engine.EngineException;
import jlab.labs.model.Lang;
import jlab.shell.Session;
import jlab.web.tutor.Tutor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jlab web}: the course and the labs in a browser, like Jupyter — a
 * server on 127.0.0.1 only, one printed link with a random token, until
 * Ctrl-C. It runs the labs' checks on this host, so it needs root as
 * {@code lab check} does.
 */
@Command(name = "web", description = "Open the course and the labs in a browser (127.0.0.1, a link with a random token), until Ctrl-C.")
public final class WebCommand implements Callable<Integer> {
    private final Session session;

    @Option(names = "--port", paramLabel = "N", defaultValue = "7070", description = "The port on 127.0.0.1 (default: 7070; 0: any free one).") int port;
    @Option(names = "--lang", paramLabel = "fr|en", description = "The pages' language (default: each browser's).") String lang;
    @Option(names = "--no-browser", description = "Do not open a browser: only print the link.") boolean noBrowser;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public WebCommand(Session session) { this.session = session; }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) throw new EngineException("--port " + port + ": a port is a number from 1 to 65535 (0: any free one)");
        Lang language = lang == null ? null : Lang.byCode(lang);
        if (lang != null && language == null) throw new EngineException("--lang " + lang + ": the course speaks fr or en");
        Engine.requireRoot();
        Tutor tutor;
        try {
            tutor = Tutor.start(new Tutor.Options(port, language, session.stateDir()));
        } catch (Tutor.PortInUse e) {
            throw new EngineException(e.getMessage());
        }
        // Ctrl-C on the command line ends the JVM: the hook stops the server and removes the URL file.
        Thread hook = new Thread(tutor::close, "jlab-web-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            session.out().println(tutor.url());
            session.out().flush();
            if (!noBrowser) openBrowser(tutor);
            tutor.awaitStop(); // at the prompt, Ctrl-C interrupts this thread: the prompt comes back
            return 0;
        } finally {
            tutor.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran: nothing to remove
            }
        }
    }

    /**
     * Opens the link in the desktop's browser, if there is a desktop. Not with the URL as an argument:
     * a command line is readable by every user of the machine (/proc/PID/cmdline), and the token is a
     * secret. So, as Jupyter does, a file only root reads redirects to it, and the browser opens the file.
     */
    private void openBrowser(Tutor tutor) {
        Path opener = Path.of("/usr/bin/xdg-open");
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null || !Files.isExecutable(opener)) return;
        try {
            Path page = tutor.urlFile().resolveSibling("open.html");
            Files.deleteIfExists(page);
            Files.createFile(page, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(page, "<!doctype html><meta charset=utf-8><meta http-equiv=\"refresh\" content=\"0;url="
                    + tutor.url() + "\"><title>jlab</title><a href=\"" + tutor.url() + "\">jlab</a>\n", StandardOpenOption.TRUNCATE_EXISTING);
            new ProcessBuilder(opener.toString(), page.toUri().toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            session.err().println("jlab: could not open a browser (" + e.getMessage() + "): open the link above");
        }
    }
}
