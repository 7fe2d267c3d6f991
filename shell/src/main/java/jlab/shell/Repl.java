package jlab.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;

import jlab.shell.repl.CtrlC;
import jlab.shell.repl.LeavingOffer;
import jlab.shell.repl.LineHighlighter;
import jlab.shell.repl.ReplCompleter;
import jlab.shell.repl.TerminalColors;

/**
 * The prompt: {@code jlab> run --rm busybox hostname}. The same commands as on
 * the command line (one {@link Cli}), with completion, history (Ctrl-R
 * searches it), a highlighted line and colours when the terminal has them.
 * A failing command prints its error and the prompt comes back; Ctrl-C stops
 * the running command; Ctrl-D or {@code exit} leaves, first offering to stop
 * the containers this session started and saying that a container under
 * construction goes with it ({@link LeavingOffer}).
 *
 * Every command runs on the thread that calls {@link #run}: a container
 * under construction is tied to the thread that started its helper.
 * Nothing heavy happens before the first prompt: the engine opens on the
 * first command that needs it, and the command model (picocli reading every
 * command's annotations) may still be in the making on another thread — it
 * is waited for at the first word highlighted, the first Tab or the first
 * command, not before the prompt shows.
 */
public final class Repl {
    /** The command model: given, or being built on another thread (see {@link Main}). */
    private final Supplier<Cli> cli;
    private final Session session;
    private final Terminal terminal;
    private Path historyFile;
    private Map<String, String> env = Map.of();

    public Repl(Cli cli, Session session, Terminal terminal) {
        this(() -> cli, session, terminal);
    }

    /** A prompt over a command model still being built: {@code model} waits for it (a join). */
    public Repl(Supplier<Cli> model, Session session, Terminal terminal) {
        this.cli = model;
        this.session = session;
        this.terminal = terminal;
    }

    /** Keep the history in this file (see {@link jlab.shell.repl.HistoryFile}); none by default. */
    public Repl history(Path file) { historyFile = file; return this; }

    /** The environment to read NO_COLOR from. */
    public Repl environment(Map<String, String> e) { env = e; return this; }

    /** Reads and runs commands until the user leaves; returns the exit status ({@code exit CODE}, else 0). */
    public int run() {
        session.colors(TerminalColors.of(terminal, env));
        LineReader reader = reader();
        session.pause(() -> new LineReaderPause(reader)); // the tour waits for Enter on this terminal
        CtrlC ctrlC = new CtrlC(Thread.currentThread());
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, ctrlC);
        try {
            terminal.writer().println("jlab " + Cli.Version.get() + " — type help, Tab to complete, Ctrl-D to leave.");
            terminal.flush();
            while (true) {
                session.out().flush();
                session.err().flush();
                String line;
                try {
                    line = reader.readLine(session.prompt());
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C at the prompt clears the line, as in bash
                } catch (EndOfFileException e) {
                    if (new LeavingOffer(cli.get(), session).ask(reader)) return 0;
                    continue;
                }
                List<String> words;
                try {
                    words = Words.split(line.strip());
                } catch (IllegalArgumentException e) {
                    session.err().println("jlab: " + e.getMessage());
                    continue;
                }
                if (words.isEmpty() || words.get(0).startsWith("#")) continue;
                if (words.get(0).equals("jlab")) words = words.subList(1, words.size());
                int exit = ExitCommand.requested(words);
                if (exit >= 0) {
                    if (new LeavingOffer(cli.get(), session).ask(reader)) return exit;
                    continue;
                }
                List<String> command = words;
                Cli commands = cli.get();
                ctrlC.run(() -> commands.execute(command));
            }
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            session.out().flush();
            session.err().flush();
            saveHistory(reader);
        }
    }

    private LineReader reader() {
        DefaultParser parser = new DefaultParser();
        parser.setEscapeChars(new char[] {'\\'});
        LineReaderBuilder b = LineReaderBuilder.builder().terminal(terminal).appName("jlab").parser(parser)
                .completer(new ReplCompleter(() -> cli.get().spec(), session.stateDir(), session::stepNames))
                .highlighter(new LineHighlighter(() -> cli.get().spec(), () -> session.colors().enabled(), session::stepNames))
                // "!" is the container shell's business (sh -c 'echo hi!'), not a history expansion.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.INSERT_TAB, false)
                // The kitty keyboard protocol is negotiated with a query: not worth a round trip before the prompt.
                .option(LineReader.Option.KITTY_KEYBOARD, false)
                .variable(LineReader.HISTORY_SIZE, 1000)
                .variable(LineReader.HISTORY_FILE_SIZE, 10_000);
        if (historyFile != null) {
            try {
                Files.createDirectories(historyFile.toAbsolutePath().getParent());
                b.variable(LineReader.HISTORY_FILE, historyFile);
            } catch (IOException e) {
                session.err().println("jlab: no history kept: cannot create " + historyFile.getParent() + " (" + e.getMessage() + ")");
            }
        }
        return b.build();
    }

    private void saveHistory(LineReader reader) {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            session.err().println("jlab: the history could not be saved in " + historyFile + ": " + e.getMessage());
        }
    }
}
