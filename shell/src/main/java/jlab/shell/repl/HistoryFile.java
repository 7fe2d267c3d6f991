package jlab.shell.repl;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the prompt keeps its history, one file per user, as the XDG base
 * directory spec says for state (data that should outlive a session but is
 * not worth a backup): {@code $XDG_STATE_HOME/jlab/history}, by default
 * {@code ~/.local/state/jlab/history}. {@code JLAB_HISTORY} names another
 * file (tests use it).
 */
public final class HistoryFile {
    private HistoryFile() {}

    public static Path of(Map<String, String> env) {
        String explicit = env.get("JLAB_HISTORY");
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        String xdg = env.get("XDG_STATE_HOME");
        // The spec: a relative XDG_STATE_HOME is invalid and must be ignored.
        if (xdg != null && Path.of(xdg).isAbsolute()) return Path.of(xdg, "jlab", "history");
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".local", "state", "jlab", "history");
    }
}
