package jlab.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import jlab.engine.EngineException;

/**
 * Commands from a file or a pipe, one per line, without prompts: blank lines
 * and {@code #} comments are skipped; the first command that fails stops the
 * script, and jlab exits with its code.
 */
public final class ScriptMode {
    private final Cli cli;
    private final Session session;

    public ScriptMode(Cli cli, Session session) {
        this.cli = cli;
        this.session = session;
    }

    public int run(BufferedReader in) {
        session.pause(() -> new ReaderPause(in, session.out())); // the tour's pauses read the next line of the script
        int lineNumber = 0;
        try {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
                List<String> words;
                try {
                    words = Words.split(trimmed);
                } catch (IllegalArgumentException e) {
                    session.err().println("jlab: line " + lineNumber + ": " + e.getMessage());
                    return EngineException.ENGINE_ERROR;
                }
                if (!words.isEmpty() && words.get(0).equals("jlab")) words = words.subList(1, words.size());
                int code = cli.execute(words);
                session.out().flush();
                if (code != 0) return code;
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
