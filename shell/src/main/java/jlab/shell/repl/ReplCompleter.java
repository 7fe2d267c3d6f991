package jlab.shell.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import jlab.engine.image.ImageStore;
import jlab.engine.state.StateDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Tab at the prompt. Commands, sub-commands and flags come from picocli's
 * model ({@link CommandPath}); what a positional argument or a flag's value
 * is — a container, an image, a step, a file — from the small tables below.
 * Nothing here opens the engine: names are read from the state directory.
 */
public final class ReplCompleter implements Completer {
    /** Commands whose every positional argument is a container. */
    private static final Set<String> CONTAINER_ARGS = Set.of("start", "stop", "restart", "kill", "rm", "logs", "top",
            "stats", "inspect", "pause", "unpause", "wait", "ns", "mounts", "cgroup", "net", "ps", "diff", "export");
    /** Commands whose first positional argument is a container (then a command to run in it). */
    private static final Set<String> CONTAINER_FIRST = Set.of("exec", "commit", "port");
    /** Commands whose first positional argument is an image. */
    private static final Set<String> IMAGE_FIRST = Set.of("run", "create");
    /** Flags whose value is a host path (besides those the model types as a path: {@link #isPath}). */
    private static final Set<String> PATH_FLAGS = Set.of("-v", "--volume", "--rootfs", "--output", "--input");
    /** Flags whose values are a short fixed list. */
    private static final Map<String, List<String>> FIXED_VALUES = Map.of(
            "--network", List.of("bridge", "none", "host"),
            "--restart", List.of("no", "on-failure", "always"),
            "--lang", List.of("en", "fr"));

    /** The command model: asked for at the first Tab (the prompt shows before it is built). */
    private final Supplier<CommandSpec> root;
    private final StateDir state;
    private final Supplier<List<String>> stepNames;

    public ReplCompleter(CommandSpec root, StateDir state, Supplier<List<String>> stepNames) {
        this(() -> root, state, stepNames);
    }

    public ReplCompleter(Supplier<CommandSpec> root, StateDir state, Supplier<List<String>> stepNames) {
        this.root = root;
        this.state = state;
        this.stepNames = stepNames;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> before = line.words().subList(0, line.wordIndex());
        String typed = line.word().substring(0, line.wordCursor());
        CommandPath path = CommandPath.walk(root.get(), before);
        if (path.unknownCommand) {
            // "unshare u<Tab>" in step mode: a step typed as a command ("step" itself, before step mode is there)
            List<String> p = path.positionals;
            stepWords(!p.isEmpty() && p.get(0).equals("step") ? p.subList(1, p.size()) : p, candidates);
        } else if (path.awaitingValue != null) {
            values(path.awaitingValue, typed, candidates);
        } else if (path.inContainerCommand()) {
            PathCandidates.add(typed, candidates); // the container's own command: its arguments are often paths
        } else if (typed.startsWith("-")) {
            options(path.command, candidates);
        } else if (!path.command.subcommands().isEmpty() && path.positionals.isEmpty()) {
            commands(path.command, candidates);
            if (path.names.isEmpty()) stepWords(List.of(), candidates);
        } else {
            positional(path, typed, candidates);
        }
    }

    private void commands(CommandSpec parent, List<Candidate> into) {
        for (Map.Entry<String, CommandLine> c : parent.subcommands().entrySet()) {
            CommandSpec spec = c.getValue().getCommandSpec();
            if (spec.usageMessage().hidden() || !c.getKey().equals(spec.name())) continue; // aliases (ls/list): one is enough
            into.add(new Candidate(c.getKey(), c.getKey(), "commands", firstLine(spec.usageMessage().description()), null,
                    null, true));
        }
    }

    private void options(CommandSpec command, List<Candidate> into) {
        for (OptionSpec o : command.options()) {
            if (o.hidden()) continue;
            for (String name : o.names()) {
                into.add(new Candidate(name, name, "flags", firstLine(o.description()), null, o.longestName(), true));
            }
        }
    }

    private void values(OptionSpec option, String typed, List<Candidate> into) {
        String flag = option.longestName();
        if (PATH_FLAGS.contains(flag) || PATH_FLAGS.contains(option.shortestName()) || isPath(option)) {
            if (!typed.contains(":")) PathCandidates.add(typed, into); // -v SRC:DST: the host side is a path
        } else if (FIXED_VALUES.containsKey(flag)) {
            FIXED_VALUES.get(flag).forEach(v -> into.add(new Candidate(v)));
        } else if (flag.equals("--to")) {
            stepNames.get().forEach(s -> into.add(new Candidate(s)));
        }
    }

    private void positional(CommandPath path, String typed, List<Candidate> into) {
        String command = path.name();
        int index = path.positionals.size();
        boolean pathHere = path.command.positionalParameters().stream()
                .anyMatch(p -> p.index().contains(index) && isPath(p));
        if (pathHere) {
            PathCandidates.add(typed, into); // build's PATH: the model says it is a path
        } else if (CONTAINER_ARGS.contains(command) || CONTAINER_FIRST.contains(command) && index == 0) {
            containers(into);
        } else if (IMAGE_FIRST.contains(command) && index == 0 || command.equals("new") && index == 1) {
            images(into);
        } else if (command.equals("save")) {
            images(into);
        } else if (command.equals("script") || command.equals("import") && index == 0) {
            PathCandidates.add(typed, into);
        } else if (command.equals("step")) {
            stepWords(path.positionals, into);
        } else if (command.equals("help")) {
            CommandPath topic = CommandPath.walk(root.get(), path.positionals);
            if (!topic.unknownCommand && topic.positionals.isEmpty()) commands(topic.command, into);
        }
    }

    /** An option or positional argument the command declares as a {@code Path} (or {@code File}): a host path. */
    private static boolean isPath(CommandLine.Model.ArgSpec arg) {
        Class<?> type = arg.type();
        return type == java.nio.file.Path.class || type == java.io.File.class;
    }

    private void containers(List<Candidate> into) {
        for (String name : new ContainerNames(state).list()) into.add(new Candidate(name, name, "containers", null, null, null, true));
    }

    private void images(List<Candidate> into) {
        List<String> names = new ArrayList<>(new ImageStore(state.images()).names());
        if (!names.contains("busybox")) names.add("busybox"); // built-in: there even before its first use builds it
        names.forEach(n -> into.add(new Candidate(n, n, "images", null, null, null, true)));
    }

    /**
     * The next word of the step names that begin with {@code typed}: after "step", "unshare" then "uts";
     * a step of two words ("unshare uts") is completed one word at a time, as a shell completes sub-commands.
     */
    private void stepWords(List<String> typed, List<Candidate> into) {
        for (String step : stepNames.get()) {
            List<String> words = List.of(step.split(" "));
            if (words.size() <= typed.size() || !words.subList(0, typed.size()).equals(typed)) continue;
            String next = words.get(typed.size());
            if (into.stream().noneMatch(c -> c.value().equals(next))) {
                into.add(new Candidate(next, next, "steps", null, null, null, true));
            }
        }
    }

    private static String firstLine(String[] description) {
        return description.length == 0 ? null : description[0];
    }
}
