package jlab.shell.tour;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

import jlab.shell.Colors;
import jlab.shell.Pause;
import jlab.shell.Session;
import jlab.shell.Words;

/**
 * The guided tour: stage after stage, a title, a few sentences on what the kernel does, then the commands —
 * shown after the prompt as if the student had typed them, and run through the very same command model
 * (the {@code commands} function is the Cli's). Between stages, a pause: Enter goes on; q, Ctrl-C or
 * Ctrl-D stop, and stopping abandons the tour's container ({@code rm -f NAME}): nothing is left on the host.
 */
public final class Tour {
    /** The explanations' width: a line the eye follows easily, in any terminal of 80 columns or more. */
    private static final int WIDTH = 78;
    private final Session session;
    private final TourTexts texts;
    private final Pause pause;
    private final ToIntFunction<List<String>> commands;
    private final String name;
    private final PrintStream out;
    private final Colors colors;
    /** Whether the tour's {@code new} made a construction that is not finished: that one must go if the tour stops. */
    private boolean underConstruction;

    public Tour(Session session, TourTexts texts, Pause pause, ToIntFunction<List<String>> commands, String name) {
        this.session = session;
        this.texts = texts;
        this.pause = pause;
        this.commands = commands;
        this.name = name;
        this.out = session.out();
        this.colors = session.colors();
    }

    /** Walks every stage; returns 0 when the tour ends or the student stops it, else the failed command's code. */
    public int run() {
        List<Stage> stages = Stages.forContainer(name);
        out.println();
        out.println(colors.bold(texts.get("intro.title")));
        out.println(Paragraph.wrap(texts.get("intro.text", name), WIDTH));
        if (!pause(false)) return stop();
        Optional<TourSummary> summary = Optional.empty();
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            boolean last = i == stages.size() - 1;
            // What was built is read just before exec, while the container still stands as the tour made it.
            if (last) summary = TourSummary.read(session);
            out.println();
            out.println(colors.cyan(colors.bold(texts.get("stage", i + 1, stages.size()) + " · " + texts.get(stage.key() + ".title"))));
            out.println(Paragraph.wrap(texts.get(stage.key() + ".text"), WIDTH));
            for (String line : stage.commands()) {
                int code = type(line);
                if (code == 0 && line.startsWith("new ")) underConstruction = true;
                // Ctrl-C while a command runs: the REPL interrupts the commands' thread. The flag is
                // cleared here, so that rm -f (and the prompt after it) are not cut short by it too.
                if (Thread.interrupted()) return stop();
                if (code != 0) {
                    out.println(colors.red(texts.get("failed", line)));
                    abandon();
                    return code;
                }
            }
            if (last) underConstruction = false; // exec ran the command; --rm removed the container
            else if (!pause(true)) return stop();
        }
        summary.ifPresent(s -> s.print(out, colors, texts));
        out.println();
        out.println(colors.bold(texts.get("next.title")));
        out.println(Paragraph.wrap(texts.get("next.text"), WIDTH));
        return 0;
    }

    /** Shows the line after the prompt as it stands now ("jlab[tour: 5/34]> step ..."), then runs it. */
    private int type(String line) {
        out.println(colors.dim(session.prompt()) + colors.bold(line));
        out.flush();
        int code = commands.applyAsInt(Words.split(line));
        session.out().flush();
        session.err().flush();
        return code;
    }

    private boolean pause(boolean blankLineFirst) {
        if (blankLineFirst) out.println();
        out.flush();
        return pause.waitForEnter(colors.dim(texts.get("pause")));
    }

    private int stop() {
        out.println(texts.get("stopped"));
        abandon();
        return 0;
    }

    /** rm -f NAME, typed as the student would, when the tour made a construction that is still there. */
    private void abandon() {
        if (!underConstruction) return;
        underConstruction = false;
        if (type("rm -f " + name) == 0) out.println(texts.get("cleanup", name));
    }
}
