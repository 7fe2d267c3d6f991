package jlab.shell;

import java.util.Map;
import java.util.function.IntPredicate;

/**
 * ANSI colours for what a student should notice (a namespace that differs, a
 * step done, an error), or plain text when colour would be noise: when
 * {@code NO_COLOR} is set (no-color.org), when {@code TERM} is {@code dumb},
 * or when standard output is not a terminal (a pipe, a file, a test).
 */
public final class Colors {
    public static final Colors PLAIN = new Colors(false);

    private final boolean enabled;

    public Colors(boolean enabled) { this.enabled = enabled; }

    /** Colours for this process's standard output. */
    public static Colors forStdout() {
        return forStdout(System.getenv(), jlab.kernel.proc.Terminals::isTerminal);
    }

    /** The same, with the environment and the "is this descriptor a terminal?" question given (tests). */
    static Colors forStdout(Map<String, String> env, IntPredicate isTerminal) {
        String noColor = env.get("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) return PLAIN;
        if ("dumb".equals(env.get("TERM"))) return PLAIN;
        return new Colors(isTerminal.test(1));
    }

    public boolean enabled() { return enabled; }

    public String bold(String s) { return sgr("1", s); }

    public String dim(String s) { return sgr("2", s); }

    /** Done, passed, the same as expected. */
    public String green(String s) { return sgr("32", s); }

    /** Failed, refused. */
    public String red(String s) { return sgr("31", s); }

    /** Differs from the host: what a step changed. */
    public String yellow(String s) { return sgr("33", s); }

    /** Names: commands, steps, containers. */
    public String cyan(String s) { return sgr("36", s); }

    private String sgr(String code, String s) {
        return enabled ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
