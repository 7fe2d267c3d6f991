package jlab.shell.repl;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where the words typed so far lead in picocli's model of the commands — the
 * very model that parses them — so completion and highlighting can never
 * drift from what the command line accepts. {@code volume create --driver}
 * leads to the command {@code volume create}, waiting for a value of
 * {@code --driver}; {@code run -d busybox} to {@code run} with one
 * positional argument.
 */
final class CommandPath {
    /** The deepest command the words name (the root {@code jlab} when none). */
    final CommandSpec command;
    /** The command's words: "volume", "create". Empty at the root. */
    final List<String> names;
    /** Positional arguments typed after the command (not options, not their values). */
    final List<String> positionals;
    /** The option whose value the next word is, or null. */
    final OptionSpec awaitingValue;
    /** The first word named no command: unknown, or a step name typed as a command in step mode. */
    final boolean unknownCommand;

    private CommandPath(CommandSpec command, List<String> names, List<String> positionals, OptionSpec awaitingValue,
            boolean unknownCommand) {
        this.command = command;
        this.names = names;
        this.positionals = positionals;
        this.awaitingValue = awaitingValue;
        this.unknownCommand = unknownCommand;
    }

    /** Walks {@code words} (complete words, before the one being typed) from the root command. */
    static CommandPath walk(CommandSpec root, List<String> words) {
        CommandSpec at = root;
        List<String> names = new ArrayList<>();
        List<String> positionals = new ArrayList<>();
        OptionSpec awaiting = null;
        boolean unknown = false;
        int start = !words.isEmpty() && words.get(0).equals("jlab") ? 1 : 0;
        for (int i = start; i < words.size(); i++) {
            String w = words.get(i);
            if (awaiting != null) {
                awaiting = null;
                continue;
            }
            if (stoppedAtPositional(at, positionals)) {
                positionals.add(w); // the container's own command: jlab parses none of it
                continue;
            }
            if (w.startsWith("-") && w.length() > 1 && !w.equals("--")) {
                OptionSpec o = at.findOption(w.contains("=") ? w.substring(0, w.indexOf('=')) : w);
                if (o != null && !w.contains("=") && o.arity().min() > 0) awaiting = o;
                continue;
            }
            CommandLine sub = positionals.isEmpty() ? at.subcommands().get(w) : null;
            if (sub != null) {
                at = sub.getCommandSpec();
                names.add(sub.getCommandName());
                continue;
            }
            if (at == root && positionals.isEmpty()) unknown = true;
            positionals.add(w);
        }
        return new CommandPath(at, List.copyOf(names), List.copyOf(positionals), awaiting, unknown);
    }

    /** run, create and exec stop parsing at their first positional: what follows is the container's command. */
    private static boolean stoppedAtPositional(CommandSpec at, List<String> positionals) {
        return at.parser().stopAtPositional() && !positionals.isEmpty();
    }

    /** After run's IMAGE (exec's CONTAINER): the words are the container's command, not jlab's. */
    boolean inContainerCommand() { return stoppedAtPositional(command, positionals); }

    String name() { return String.join(" ", names); }
}
