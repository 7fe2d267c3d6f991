package jlab.shell.serve;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jlab serve import-roster FILE}: the roster upload, from the command line. */
@Command(name = "import-roster", description = "Import a roster CSV (student,name,email) into jlab serve's database.",
        footer = {"", "New students get a token, printed once as student,token (or written to --tokens-out);",
                "students already there keep theirs. Exit 0: every row imported; 1: some rows refused; 125: nothing imported."})
public final class ImportRosterCommand implements Callable<Integer> {
    final Session session;
    @Parameters(paramLabel = "FILE", description = "The roster: CSV in UTF-8 with the header student,name,email.") Path file;
    @Option(names = "--tokens-out", paramLabel = "FILE", description = "Write the new tokens there (student,token; only you can read it) instead of printing them.") Path tokensOut;
    @Mixin DbOptions db;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public ImportRosterCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        return new ServeRunner(session).importRoster(this);
    }
}
