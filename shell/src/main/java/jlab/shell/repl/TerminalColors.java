package jlab.shell.repl;

import java.util.Map;

import org.jline.terminal.Terminal;

import jlab.shell.Colors;

/**
 * Colours at the prompt follow the terminal JLine found, not just file
 * descriptor 1: a dumb terminal (TERM=dumb, Emacs' shell, a test's in-memory
 * streams) shows escape codes as garbage, so it gets plain text; so does
 * anyone who set {@code NO_COLOR} (no-color.org).
 */
public final class TerminalColors {
    private TerminalColors() {}

    public static Colors of(Terminal terminal, Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        if (noColor != null && !noColor.isEmpty()) return Colors.PLAIN;
        String type = terminal.getType();
        if (type == null || type.startsWith(Terminal.TYPE_DUMB)) return Colors.PLAIN;
        return new Colors(true);
    }
}
