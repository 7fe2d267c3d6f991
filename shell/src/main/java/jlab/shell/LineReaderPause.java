package jlab.shell;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

/**
 * A pause on the REPL's terminal: the hint is the line reader's prompt, so the
 * line is read as every command line is (raw mode, Ctrl-C and Ctrl-D seen as
 * keys), and the pause does not land in the history.
 */
public final class LineReaderPause implements Pause {
    private final LineReader reader;

    public LineReaderPause(LineReader reader) { this.reader = reader; }

    @Override
    public boolean waitForEnter(String hint) {
        Object history = reader.getVariable(LineReader.DISABLE_HISTORY);
        reader.setVariable(LineReader.DISABLE_HISTORY, true);
        try {
            return !Pause.meansStop(reader.readLine(hint + " "));
        } catch (UserInterruptException | EndOfFileException e) {
            return false; // Ctrl-C or Ctrl-D at the pause: stop
        } finally {
            reader.setVariable(LineReader.DISABLE_HISTORY, history == null ? false : history);
        }
    }
}
