package jlab.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * A pause that reads a line from a reader: standard input in script mode (the
 * very reader the script's commands come from, so that no line is lost to two
 * buffers), or when {@code jlab tour} is run as a one-shot command.
 */
public final class ReaderPause implements Pause {
    private final BufferedReader in;
    private final PrintStream out;

    public ReaderPause(BufferedReader in, PrintStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public boolean waitForEnter(String hint) {
        out.print(hint + " ");
        out.flush();
        try {
            String line = in.readLine();
            if (line == null) {
                out.println();
                return false; // end of input (Ctrl-D at a terminal): stop
            }
            return !Pause.meansStop(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
