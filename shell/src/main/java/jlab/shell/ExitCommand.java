package jlab.shell;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code exit [CODE]}: leaves the prompt (as Ctrl-D does: first offering to
 * stop the containers this session started) or ends a script with CODE.
 * The REPL and script mode act on it; as a one-shot command it does nothing.
 */
@Command(name = "exit", aliases = "quit", description = "Leave the prompt (Ctrl-D too), or end a script; CODE: the exit status.")
final class ExitCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CODE", arity = "0..1", description = "The exit status (default 0).") int code;
    @picocli.CommandLine.Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    @Override
    public Integer call() { return code; }

    /** Is this command line an exit? Then its code, else -1. */
    static int requested(java.util.List<String> words) {
        if (words.isEmpty() || !(words.get(0).equals("exit") || words.get(0).equals("quit"))) return -1;
        if (words.size() == 1) return 0;
        try {
            return words.size() == 2 ? Integer.parseInt(words.get(1)) & 0xff : -1;
        } catch (NumberFormatException e) {
            return -1; // "exit --help", "exit x": picocli answers
        }
    }
}
