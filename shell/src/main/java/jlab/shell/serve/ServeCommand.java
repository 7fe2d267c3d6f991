package jlab.shell.serve;

import java.util.concurrent.Callable;

import jlab.shell.Session;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jlab serve}: the instructor's server — accounts, roster and tokens,
 * the submission API, gradebook, dashboard and exports (web-tutor's
 * jlab.web.serve) — in the foreground until Ctrl-C. The work is done by
 * {@link ServeRunner}, so that the prompt's start loads none of the web server.
 */
@Command(name = "serve", description = "The instructor's server: roster and tokens, submissions, gradebook, dashboard, exports.",
        footer = {"", "Binds 127.0.0.1 unless told: --host 0.0.0.0 serves a class over plain HTTP (put it behind TLS).",
                "The first start makes an instructor account and prints its one-time password once."})
public final class ServeCommand implements Callable<Integer> {
    final Session session;
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "The port (default: ${DEFAULT-VALUE}; 0: any free one).") int port;
    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "The address to listen on (default: ${DEFAULT-VALUE}).") String host;
    @Option(names = "--init-instructor", paramLabel = "NAME", description = "Make NAME an instructor with a new one-time password (also the way back in after a lost password).") String initInstructor;
    @Option(names = "--secure-cookies", description = "Mark the session cookie Secure: when a TLS proxy serves the pages over https.") boolean secureCookies;
    @Mixin DbOptions db;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public ServeCommand(Session session) { this.session = session; }

    public static CommandLine commandLine(Session session) {
        CommandLine cl = new CommandLine(new ServeCommand(session));
        cl.addSubcommand(new ImportRosterCommand(session));
        return cl;
    }

    @Override
    public Integer call() {
        return new ServeRunner(session).serve(this);
    }
}
