package jlab.kernel.pty;

/**
 * A terminal's size in character cells, as {@code stty size} prints it (rows
 * first) and as the kernel keeps it for each terminal ({@code struct winsize}).
 * Programs ask for it with ioctl(TIOCGWINSZ) and learn of a change by SIGWINCH.
 */
public record WindowSize(int cols, int rows) {
    /** The most a terminal may have either way: larger is a mistake, not a screen. */
    public static final int MAX = 1000;

    public WindowSize {
        if (cols < 1 || cols > MAX || rows < 1 || rows > MAX) {
            throw new IllegalArgumentException("a terminal size must be 1 to " + MAX + " columns and rows, not "
                    + cols + "x" + rows);
        }
    }

    /** The size of a classic VT100 screen. */
    public static WindowSize standard() { return new WindowSize(80, 24); }
}
