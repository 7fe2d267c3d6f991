package jlab.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The prompt: {@code jlab> run --rm busybox hostname}. The same commands as on
 * the command line; a failing command prints its error and the prompt comes
 * back. Ctrl-D or {@code exit} leaves.
 */
public final class Repl {
    private final Cli cli;
    private final Session session;

    public Repl(Cli cli, Session session) {
        this.cli = cli;
        this.session = session;
    }

    public int run() {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("jlab").build();
            session.pause(() -> new LineReaderPause(reader)); // the tour waits for Enter on this terminal
            session.out().println("jlab " + Cli.Version.get() + " — type help, or exit to leave.");
            while (true) {
                String line;
                try {
                    line = reader.readLine(session.prompt());
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C on an empty line: a new prompt, as in a shell
                } catch (EndOfFileException e) {
                    return 0;
                }
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
                if (trimmed.equals("exit") || trimmed.equals("quit")) return 0;
                List<String> words;
                try {
                    words = Words.split(trimmed);
                } catch (IllegalArgumentException e) {
                    session.err().println("jlab: " + e.getMessage());
                    continue;
                }
                if (!words.isEmpty() && words.get(0).equals("jlab")) words = words.subList(1, words.size());
                cli.execute(words);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
