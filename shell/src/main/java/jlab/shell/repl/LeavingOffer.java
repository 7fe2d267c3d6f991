package jlab.shell.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

import jlab.engine.state.ContainerRecord;
import jlab.engine.stepmode.Construction;
import jlab.shell.Cli;
import jlab.shell.Session;

/**
 * Leaving the prompt (Ctrl-D, exit) with containers this session started.
 *
 * <p>A container under construction cannot outlive the prompt (its helper dies with jlab), so
 * leaving says so: "box is under construction (11/34 steps): leaving removes it. Press Enter to
 * remove it and leave, or Ctrl-C to stay". Enter (also when input has ended) removes it as
 * {@code rm -f} would; Ctrl-C or n stays at the prompt.
 *
 * <p>Containers still running: "Stop the 2 containers this session started (web, db)? [Y/n]".
 * Yes (the default, also when input has ended) stops them as {@code stop} would; no leaves them
 * running; Ctrl-C stays at the prompt.
 *
 * <p>Both questions are answered before anything is done: staying at the second leaves the
 * construction as it was.
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
        Optional<Construction> building = session.construction();
        if (building.isPresent()) {
            Construction c = building.get();
            String answer = answer(reader, c.name() + " is under construction (" + c.appliedCount() + "/" + c.total()
                    + " steps): leaving removes it. Press Enter to remove it and leave, or Ctrl-C to stay. ");
            if (answer == null || answer.equals("n") || answer.equals("no")) return false;
        }
        List<String> running = running();
        boolean stop = false;
        if (!running.isEmpty()) {
            String answer = answer(reader, running.size() == 1
                    ? "Stop the container this session started (" + running.get(0) + ")? [Y/n] "
                    : "Stop the " + running.size() + " containers this session started (" + String.join(", ", running) + ")? [Y/n] ");
            if (answer == null) return false;
            stop = answer.isEmpty() || answer.equals("y") || answer.equals("yes");
        }
        building.ifPresent(c -> cli.execute(List.of("rm", "-f", c.name())));
        if (stop) {
            List<String> command = new ArrayList<>(List.of("stop"));
            command.addAll(running);
            cli.execute(command);
        }
        session.out().flush();
        return true;
    }

    /** The answer typed, in lower case; "" when input has ended; null for Ctrl-C (stay). */
    private static String answer(LineReader reader, String question) {
        try {
            return reader.readLine(question).strip().toLowerCase(Locale.ROOT);
        } catch (EndOfFileException e) {
            return "";
        } catch (UserInterruptException e) {
            return null;
        }
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
