package jlab.shell.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

import jlab.engine.state.ContainerRecord;
import jlab.shell.Cli;
import jlab.shell.Session;

/**
 * Leaving the prompt (Ctrl-D, exit) with containers this session started
 * still running: "Stop the 2 containers this session started (web, db)?
 * [Y/n]". Yes (the default, also when input has ended) stops them as
 * {@code stop} would; no leaves them running; Ctrl-C stays at the prompt.
 */
public final class LeavingOffer {
    private final Cli cli;
    private final Session session;

    public LeavingOffer(Cli cli, Session session) {
        this.cli = cli;
        this.session = session;
    }

    /** True to leave, false to stay at the prompt. */
    public boolean ask(LineReader reader) {
        List<String> running = running();
        if (running.isEmpty()) return true;
        String question = running.size() == 1
                ? "Stop the container this session started (" + running.get(0) + ")? [Y/n] "
                : "Stop the " + running.size() + " containers this session started (" + String.join(", ", running) + ")? [Y/n] ";
        String answer;
        try {
            answer = reader.readLine(question).strip().toLowerCase(java.util.Locale.ROOT);
        } catch (EndOfFileException e) {
            answer = "";
        } catch (UserInterruptException e) {
            return false;
        }
        if (answer.isEmpty() || answer.equals("y") || answer.equals("yes")) {
            List<String> stop = new ArrayList<>(List.of("stop"));
            stop.addAll(running);
            cli.execute(stop);
            session.out().flush();
        }
        return true;
    }

    /** The names of the containers this session started that still run (the engine is open: they were started). */
    private List<String> running() {
        List<String> names = new ArrayList<>();
        if (session.startedHere().isEmpty()) return names;
        for (String id : session.startedHere()) {
            running(id).ifPresent(names::add);
        }
        return names;
    }

    private Optional<String> running(String id) {
        try {
            ContainerRecord r = session.engine().find(id);
            String state = session.engine().status(r).state();
            return state.equals(ContainerRecord.RUNNING) || state.equals(ContainerRecord.RESTARTING)
                    ? Optional.of(r.name()) : Optional.empty();
        } catch (RuntimeException gone) {
            return Optional.empty(); // removed meanwhile (rm -f, or from another jlab)
        }
    }
}
