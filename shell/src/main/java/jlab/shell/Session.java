package jlab.shell;

import java.io.PrintStream;

import jlab.engine.Engine;
import jlab.engine.state.StateDir;

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

    public Session(StateDir stateDir, PrintStream out, PrintStream err) {
        this.stateDir = stateDir;
        this.out = out;
        this.err = err;
    }

    public Engine engine() {
        if (engine == null) engine = Engine.open(stateDir, new CallBack(stateDir));
        return engine;
    }

    public PrintStream out() { return out; }

    public PrintStream err() { return err; }
}
