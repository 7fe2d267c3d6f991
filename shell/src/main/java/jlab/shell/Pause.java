package jlab.shell;

/**
 * A pause between two parts of a guided command (the tour): the student reads,
 * then presses Enter to go on, or stops. Where the line comes from depends on
 * how jlab runs: the REPL's terminal (a JLine line reader), or standard input
 * in script mode, so that a test can send Enter or q.
 */
public interface Pause {
    /**
     * Shows {@code hint} and waits for a line.
     *
     * @return true to continue (Enter, or any line but q); false to stop (q, Ctrl-C, Ctrl-D, end of input)
     */
    boolean waitForEnter(String hint);

    /** No pause at all ({@code tour --no-pause}): always continue. */
    Pause NONE = hint -> true;

    /** Whether a line typed at a pause means stop: q, quit, or a word of the student's language for it. */
    static boolean meansStop(String line) {
        String t = line.strip().toLowerCase(java.util.Locale.ROOT);
        return t.equals("q") || t.equals("quit") || t.equals("stop") || t.equals("exit");
    }
}
