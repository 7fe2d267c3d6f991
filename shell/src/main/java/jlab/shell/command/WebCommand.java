package jlab.shell.command;

import java.util.concurrent.Callable;

import jlab.engine.Engine;
import jlab.engine.EngineException;
import jlab.labs.model.Lang;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jlab web}: the course and the labs in a browser, like Jupyter — a
 * server on 127.0.0.1 only, one printed link with a random token, until
 * Ctrl-C. It runs the labs' checks on this host, so it needs root as
 * {@code lab check} does. The server is started by {@link WebRunner}, so that the
 * prompt's start loads none of the web tutor.
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
        return new WebRunner(session).run(port, language, !noBrowser);
    }
}
