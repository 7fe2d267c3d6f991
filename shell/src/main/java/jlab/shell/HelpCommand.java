package jlab.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code help}: the commands in groups; {@code help run}, {@code help volume ls}:
 * exactly what {@code jlab run --help} prints, from the same picocli model.
 */
@Command(name = "help", description = "List the commands, or show one's help: help run, help volume ls.")
final class HelpCommand implements Callable<Integer> {
    private final Cli cli;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "A command (and sub-command) to explain.")
    List<String> topic = new ArrayList<>();
    @Spec CommandSpec spec;

    HelpCommand(Cli cli) { this.cli = cli; }

    @Override
    public Integer call() {
        CommandLine target = spec.root().commandLine();
        List<String> path = new ArrayList<>();
        for (String word : topic) {
            CommandLine sub = target.getSubcommands().get(word);
            if (sub == null) return cli.unknownCommand(target, path, word);
            target = sub;
            path.add(word);
        }
        target.usage(target.getOut(), target.getColorScheme());
        return 0;
    }
}
