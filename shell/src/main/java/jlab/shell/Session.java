package jlab.shell;

import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import jlab.engine.Engine;
import jlab.engine.state.StateDir;
import jlab.engine.stepmode.Construction;
import jlab.engine.view.ViewTarget;

/**
 * What commands share in one jlab process: the engine (opened on first use, so
 * that {@code jlab --version} needs neither root nor the kernel) and the
 * output streams. In script mode and in the REPL, one session serves every
 * command: one JVM, one engine, many containers.
 */
public final class Session {
    private final StateDir stateDir;
    private final PrintStream out;
    private final PrintStream err;
    private Engine engine;
    private Colors colors = Colors.PLAIN;
    // Step mode's suppliers are set as the command model is built (StepMode, in Cli's constructor), on
    // another thread than the prompt's, which may already read them (volatile): see Main.prompt.
    /** What the prompt shows between "jlab" and "> ": "[box: 3/34]" while a container is under construction. */
    private volatile Supplier<String> promptContext = () -> "";
    /** The container the inspection commands look at when no name is given: the one under construction. */
    private volatile Supplier<Optional<ViewTarget>> focus = Optional::empty;
    /** The step names the REPL completes ("unshare uts", "pivot-root"): step mode knows them. */
    private volatile Supplier<List<String>> stepNames = List::of;
    /** The container under construction, if any: leaving the REPL says that it removes it. */
    private volatile Supplier<Optional<Construction>> construction = Optional::empty;
    /** Containers this session started (run -d, start, new): leaving the REPL offers to stop them. */
    private final Set<String> startedHere = new LinkedHashSet<>();
    /** What must be undone when the session ends (a container still under construction). */
    private final List<Runnable> closers = new java.util.ArrayList<>();
    /** Where a guided command (the tour) waits for Enter: the REPL's terminal, or the script's standard input. */
    private Supplier<Pause> pause = this::standardInputPause;
    private Pause standardInput;

    public Session(StateDir stateDir, PrintStream out, PrintStream err) {
        this.stateDir = stateDir;
        this.out = out;
        this.err = err;
    }

    public Engine engine() {
        if (engine == null) engine = Engine.open(stateDir, new CallBack(stateDir));
        return engine;
    }

    /** Where this jlab keeps its state (JLAB_STATE_DIR): containers, images, labs started; the REPL completes names from it, engine closed. */
    public StateDir stateDir() { return stateDir; }

    public PrintStream out() { return out; }

    public PrintStream err() { return err; }

    public Colors colors() { return colors; }

    public void colors(Colors c) { colors = c; }

    /** The prompt: {@code jlab> }, or {@code jlab[box: 3/34]> } in step mode. */
    public String prompt() { return "jlab" + promptContext.get() + "> "; }

    public void promptContext(Supplier<String> s) { promptContext = s; }

    public Optional<ViewTarget> focus() { return focus.get(); }

    public void focus(Supplier<Optional<ViewTarget>> s) { focus = s; }

    public List<String> stepNames() { return stepNames.get(); }

    public void stepNames(Supplier<List<String>> s) { stepNames = s; }

    public Optional<Construction> construction() { return construction.get(); }

    public void construction(Supplier<Optional<Construction>> s) { construction = s; }

    /** The pause of this session: the REPL sets one over its line reader, script mode one over its input. */
    public Pause pause() { return pause.get(); }

    public void pause(Supplier<Pause> s) { pause = s; }

    /** A one-shot command ({@code jlab tour} from a shell): standard input, read by one reader for the process. */
    private Pause standardInputPause() {
        if (standardInput == null) {
            standardInput = new ReaderPause(new java.io.BufferedReader(
                    new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8)), out);
        }
        return standardInput;
    }

    /** Records a container (by id) this session started. */
    public void startedHere(String id) { startedHere.add(id); }

    public Set<String> startedHere() { return startedHere; }

    /** Runs {@code r} when the session ends: the REPL is left, a script ends, a one-shot command returns. */
    public void onClose(Runnable r) { closers.add(r); }

    /** Ends the session: every closer runs, last registered first, even if one fails. */
    public void close() {
        RuntimeException first = null;
        for (int i = closers.size() - 1; i >= 0; i--) {
            try {
                closers.get(i).run();
            } catch (RuntimeException e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        closers.clear();
        if (first != null) throw first;
    }
}
