package jlab.shell.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

import jlab.engine.EngineException;
import jlab.engine.state.ContainerRecord;
import jlab.shell.Session;
import jlab.shell.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jlab container VERB ARGS}: Docker's management command for containers. Each verb is the
 * top-level command ({@code container ls} runs {@code ps}, {@code container rm} runs {@code rm}),
 * handed back to the command line whole rather than built a second time into the command model,
 * which every jlab start pays for. {@code container prune} is its own.
 */
@Command(name = "container", description = "Manage containers, as docker container: ls, rm, prune, inspect, logs, exec, stop...")
public final class ContainerCommand implements Callable<Integer> {
    /** Docker's verbs of {@code docker container}, and the jlab command each one runs. */
    static final Map<String, String> VERBS = Map.ofEntries(Map.entry("ls", "ps"), Map.entry("list", "ps"), Map.entry("ps", "ps"),
            Map.entry("rm", "rm"), Map.entry("remove", "rm"), Map.entry("run", "run"), Map.entry("create", "create"),
            Map.entry("start", "start"), Map.entry("stop", "stop"), Map.entry("restart", "restart"), Map.entry("kill", "kill"),
            Map.entry("logs", "logs"), Map.entry("exec", "exec"), Map.entry("top", "top"), Map.entry("stats", "stats"),
            Map.entry("inspect", "inspect"), Map.entry("port", "port"), Map.entry("pause", "pause"), Map.entry("unpause", "unpause"),
            Map.entry("wait", "wait"), Map.entry("diff", "diff"), Map.entry("export", "export"), Map.entry("commit", "commit"));

    private final Session session;
    private final StepMode stepMode;
    private final ToIntFunction<List<String>> commands;

    @Parameters(index = "0", paramLabel = "VERB", description = "ls (ps, list), rm, prune, run, create, start, stop, restart, kill, logs,"
            + " exec, top, stats, inspect, port, pause, unpause, wait, diff, export, commit.")
    String verb;
    @Parameters(index = "1..*", paramLabel = "ARG", description = "The verb's flags and arguments, as for the jlab command.")
    List<String> args = new ArrayList<>();
    @Option(names = "--help", usageHelp = true, description = "Show this help (a verb's own: jlab container ls --help).") boolean help;

    public ContainerCommand(Session session, StepMode stepMode, ToIntFunction<List<String>> commands) {
        this.session = session;
        this.stepMode = stepMode;
        this.commands = commands;
    }

    @Override
    public Integer call() {
        if (verb.equals("prune")) return prune();
        String command = VERBS.get(verb);
        if (command == null) {
            throw new EngineException("'" + verb + "' is not a jlab container command: ls, rm, prune, inspect, logs, exec, stop..."
                    + " (try: jlab container --help)", EngineException.ENGINE_ERROR);
        }
        List<String> line = new ArrayList<>();
        line.add(command);
        line.addAll(args);
        return commands.applyAsInt(line);
    }

    /** {@code container prune}: removes every container that is not running, as Docker does (volumes stay). */
    private int prune() {
        if (!args.stream().allMatch(a -> a.equals("-f") || a.equals("--force"))) {
            throw new EngineException("container prune takes only -f/--force (jlab never asks)", EngineException.ENGINE_ERROR);
        }
        long reclaimed = 0;
        boolean any = false;
        for (ContainerRecord r : session.engine().ps(true)) {
            String state = session.engine().status(r).state();
            boolean stopped = state.equals(ContainerRecord.EXITED) || state.equals(ContainerRecord.CREATED);
            // a container built step by step belongs to the step mode: rm -f undoes its steps
            if (!stopped || (stepMode != null && stepMode.names(r.id()))) continue;
            long written = bytesIn(session.engine().stateDir().container(r.id()).upper());
            session.engine().rm(r.id(), false, false);
            if (!any) session.out().println("Deleted Containers:");
            any = true;
            session.out().println(r.id());
            reclaimed += written;
        }
        if (any) session.out().println();
        session.out().println("Total reclaimed space: " + Sizes.decimal(reclaimed));
        return 0;
    }

    /** What a container wrote: the bytes of the files in its overlay's upper directory. */
    private static long bytesIn(Path upper) {
        if (!Files.isDirectory(upper)) return 0;
        try (Stream<Path> files = Files.walk(upper)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException gone) {
                    return 0;
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
