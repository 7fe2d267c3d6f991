package jlab.shell.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jlab.engine.EngineException;
import jlab.engine.stepmode.Construction;
import jlab.engine.stepmode.StepWords;
import jlab.engine.view.ViewTarget;
import jlab.shell.Session;

/**
 * The session's container under construction (one at a time): what {@code new}
 * made and {@code step}, {@code undo}, {@code plan}, {@code exec} and
 * {@code rm -f} act on. It feeds the session's prompt ("[box: 3/34]"), its
 * focus (what {@code ns} looks at with no name), the step names the REPL
 * completes, and abandons the construction when the session ends.
 */
public final class StepMode {
    private final Session session;
    private Construction current;

    public StepMode(Session session) {
        this.session = session;
        session.promptContext(this::promptContext);
        session.focus(this::focus);
        session.stepNames(this::stepNames);
        session.construction(this::current);
        session.onClose(this::abandonOnClose);
    }

    /** The construction, if one is under way. */
    public Optional<Construction> current() {
        if (current != null && current.ended()) current = null;
        return Optional.ofNullable(current);
    }

    /** The construction, or the one line that says how to make one. */
    Construction require() {
        return current().orElseThrow(() -> new EngineException("no container under construction: new NAME first"));
    }

    void begin(Construction c) {
        current = c;
        session.startedHere(c.id());
    }

    /** Whether {@code nameOrId} names the construction (its name, its id, or a prefix of its id). */
    boolean names(String nameOrId) {
        return current().map(c -> c.name().equals(nameOrId) || (nameOrId.length() >= 3 && c.id().startsWith(nameOrId)))
                .orElse(false);
    }

    /** {@code rm -f NAME}, Ctrl-D: every applied step undone, its record removed. */
    void abandon() {
        Construction c = require();
        current = null;
        c.abandon();
    }

    private void abandonOnClose() {
        if (current().isPresent()) abandon();
    }

    private String promptContext() {
        return current().map(c -> "[" + c.name() + ": " + c.appliedCount() + "/" + c.total() + "]").orElse("");
    }

    private Optional<ViewTarget> focus() {
        return current().filter(c -> c.build().hasHelper())
                .map(c -> new ViewTarget(c.name(), c.build().processPid(), c.cgroupPath()));
    }

    private List<String> stepNames() {
        return current().map(StepWords::completions).orElse(List.of());
    }

    /**
     * The REPL's shortcuts, while a container is under construction: a command
     * line that names a step is {@code step} with those words ({@code unshare uts},
     * {@code hostname box}, {@code pivot-root}, {@code cgroup memory 64m}), and
     * {@code exec CMD} runs CMD in the construction unless CMD names a container.
     * Any other line is returned as it is. {@code commands}: the top-level command names.
     */
    public List<String> rewrite(List<String> words, Set<String> commands) {
        if (words.isEmpty() || current().isEmpty()) return words;
        Construction c = current;
        String first = words.get(0);
        if (first.equals("exec") && words.size() >= 2 && !words.get(1).startsWith("-")) {
            List<String> rest = words.subList(1, words.size());
            if (names(rest.get(0)) && rest.size() >= 2) return prefixed("construction-exec", rest.subList(1, rest.size()));
            if (!names(rest.get(0)) && session.engine().containers().find(rest.get(0)).isEmpty()) {
                return prefixed("construction-exec", rest);
            }
            return words;
        }
        // cgroup with one word or none is the inspection command; with kind and value it is the step.
        boolean cgroupStep = first.equals("cgroup") && words.size() == 3;
        if ((cgroupStep || !commands.contains(first)) && StepWords.names(c, words)) return prefixed("step", words);
        return words;
    }

    private static List<String> prefixed(String command, List<String> rest) {
        List<String> w = new ArrayList<>();
        w.add(command);
        w.addAll(rest);
        return w;
    }
}
