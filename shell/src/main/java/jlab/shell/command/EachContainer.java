package jlab.shell.command;

import java.util.List;
import java.util.function.Consumer;

import jlab.engine.EngineException;
import jlab.shell.Session;

/**
 * What Docker's verbs that take {@code CONTAINER...} share: act on each, print
 * it as given when done, and on a failure say so in one line and go on with
 * the next; exit 1 if any failed (as Docker does).
 */
final class EachContainer {
    private EachContainer() {}

    static int apply(Session session, List<String> containers, Consumer<String> action) {
        int code = 0;
        for (String c : containers) {
            try {
                action.accept(c);
                session.out().println(c);
            } catch (EngineException e) {
                session.err().println("jlab: " + e.getMessage());
                code = 1;
            }
        }
        return code;
    }
}
