package jlab.shell.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import jlab.engine.EngineException;
import jlab.labs.model.Lang;
import jlab.shell.Session;
import jlab.web.tutor.Tutor;

/**
 * What {@code jlab web} does once its options are read: the tutor on 127.0.0.1 until Ctrl-C. A class
 * of its own, loaded only when {@code web} runs: {@link WebCommand} is part of the command model that
 * picocli builds before the prompt shows, and the web tutor's classes are not needed for that.
 */
final class WebRunner {
    private final Session session;

    WebRunner(Session session) { this.session = session; }

    int run(int port, Lang language, boolean openBrowser) throws InterruptedException {
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
            tutor.labProblems().forEach(p -> session.err().println("jlab: " + p));
            session.out().println(tutor.url());
            session.out().flush();
            if (openBrowser) openBrowser(tutor);
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
