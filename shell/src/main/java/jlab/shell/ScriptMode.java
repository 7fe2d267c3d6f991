package jlab.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import jlab.engine.EngineException;

/**
 * Commands from a file or a pipe, one per line, without prompts (and without
 * history): blank lines and {@code #} comments are skipped; the first command
 * that fails stops the script, and jlab exits with its code — unless
 * {@link #keepGoing}: then every line runs and the first failure's code is
 * the script's. {@link #echo} prints each command to stderr first, as
 * {@code sh -x} does.
 */
public final class ScriptMode {
    private final Cli cli;
    private final Session session;
    /** The script's file name, for errors ("demo.jlab:3: ..."); null for standard input. */
    private String source;
    private boolean echo;
    private boolean keepGoing;

    public ScriptMode(Cli cli, Session session) {
        this.cli = cli;
        this.session = session;
    }

    public ScriptMode source(String fileName) { source = fileName; return this; }

    public ScriptMode echo(boolean on) { echo = on; return this; }

    public ScriptMode keepGoing(boolean on) { keepGoing = on; return this; }

    public int run(BufferedReader in) {
        session.pause(() -> new ReaderPause(in, session.out())); // the tour's pauses read the next line of the script
        int lineNumber = 0;
        int firstFailure = 0;
        try {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
                String where = (source != null ? source + ":" : "line ") + lineNumber + ": ";
                if (echo) {
                    session.out().flush();
                    session.err().println("+ " + trimmed);
                }
                int code;
                try {
                    List<String> words = Words.split(trimmed);
                    if (!words.isEmpty() && words.get(0).equals("jlab")) words = words.subList(1, words.size());
                    int exit = ExitCommand.requested(words);
                    if (exit >= 0) return exit == 0 ? firstFailure : exit; // exit ends the script, even with --keep-going
                    code = cli.execute(words, source != null ? where : "");
                    session.out().flush();
                } catch (IllegalArgumentException e) { // from Words.split: a quote left open
                    session.err().println("jlab: " + where + e.getMessage());
                    code = EngineException.ENGINE_ERROR;
                }
                if (code != 0 && firstFailure == 0) firstFailure = code;
                if (code != 0 && (!keepGoing || Thread.currentThread().isInterrupted())) return code;
            }
            return firstFailure;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
