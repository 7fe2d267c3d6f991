package jlab.shell.command;

import java.util.Optional;

import jlab.engine.EngineException;
import jlab.engine.running.LiveContainer;
import jlab.engine.view.ViewTarget;
import jlab.shell.Session;

/**
 * Which container an inspection command ({@code ns}, {@code mounts},
 * {@code cgroup}, {@code net}, {@code ps NAME}) looks at: the one under
 * construction when no NAME is given or NAME is its name, else a running
 * container of that name or id (its PID 1 on the host, its cgroup).
 */
final class ViewTargets {
    private ViewTargets() {}

    static ViewTarget resolve(Session session, String command, String name) {
        Optional<ViewTarget> focus = session.focus();
        if (focus.isPresent() && (name == null || name.equals(focus.get().name()))) return focus.get();
        if (name == null) {
            throw new EngineException(command + ": which container? " + command + " NAME, or new NAME to build one");
        }
        LiveContainer c = LiveContainer.find(session.engine(), name).requireRunning();
        return new ViewTarget(name, c.pid(), c.record().cgroup());
    }

    /** jlab's own pid: the host side of every comparison (jlab runs in the host's namespaces). */
    static long hostPid() {
        return ProcessHandle.current().pid();
    }

    static void printJson(Session session, Object value) throws Exception {
        session.out().println(new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
    }

    /** The last line of each inspection: the shell command that shows the same thing. */
    static void hint(Session session, String command) {
        session.out().println(session.colors().dim("look yourself: " + command));
    }
}
