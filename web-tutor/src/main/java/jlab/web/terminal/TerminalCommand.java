package jlab.web.terminal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jlab.engine.HostPrograms;

/**
 * What a terminal runs: a name the page asks for ({@code data-command="jlab"}),
 * the program by absolute path with its arguments, and where it starts.
 *
 * <p>The environment is built here, not inherited whole: the terminal gets
 * {@code TERM=xterm-256color} (xterm.js speaks xterm's language), the user's
 * HOME, PATH and locale, jlab's own settings (its state directory above all:
 * the REPL in the page must see the containers and labs the tutor sees), and
 * nothing of the server's own secrets.
 */
public record TerminalCommand(String name, List<String> argv, Path directory) {
    private static final List<String> PASSED_ON = List.of("HOME", "USER", "LOGNAME", "PATH", "LANG", "LC_ALL", "SHELL", "JAVA_HOME",
            "JLAB_STATE_DIR", "XDG_STATE_HOME", "JLAB_HISTORY", "JLAB_NETFILTER", "NO_COLOR");

    public TerminalCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty() || !argv.get(0).startsWith("/")) {
            throw new IllegalArgumentException("a terminal command is a program by absolute path: " + argv);
        }
    }

    /**
     * The two the tutor offers: {@code jlab}, the REPL ({@code <repo>/jlab},
     * the launcher script), and {@code shell}, a login shell (bash, else sh),
     * both started in the repository's directory.
     */
    public static Map<String, TerminalCommand> standard(Path repository) {
        Map<String, TerminalCommand> commands = new LinkedHashMap<>();
        Path launcher = repository.resolve("jlab").toAbsolutePath();
        if (Files.isExecutable(launcher)) {
            commands.put("jlab", new TerminalCommand("jlab", List.of(launcher.toString()), repository.toAbsolutePath()));
        }
        String shell = HostPrograms.find("bash");
        if (shell == null) shell = HostPrograms.find("sh");
        if (shell != null) commands.put("shell", new TerminalCommand("shell", List.of(shell, "-l"), repository.toAbsolutePath()));
        return commands;
    }

    /** The environment of the terminal's program, as NAME=value. */
    List<String> environment(Map<String, String> server) {
        List<String> env = new ArrayList<>();
        env.add("TERM=xterm-256color");
        env.add("COLORTERM=truecolor");
        for (String name : PASSED_ON) {
            String value = server.get(name);
            if (value != null) env.add(name + "=" + value);
        }
        if (!server.containsKey("PATH")) env.add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        if (!server.containsKey("LANG")) env.add("LANG=C.UTF-8");
        return env;
    }
}
