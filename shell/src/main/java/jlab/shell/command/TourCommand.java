package jlab.shell.command;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;

import jlab.engine.EngineException;
import jlab.shell.Pause;
import jlab.shell.Session;
import jlab.shell.tour.Language;
import jlab.shell.tour.Tour;
import jlab.shell.tour.TourTexts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tour}: a guided build of a complete container, a dozen stages in step mode, each explained, each
 * followed by a pause. Its commands are typed through the same command model as the student's.
 */
@Command(name = "tour", sortOptions = false,
        description = "A guided tour: build a complete container one kernel step at a time, with explanations,"
                + " pausing after each stage (Enter: continue, q: stop; stopping removes the tour's container).",
        footer = {"", "The language defaults to the locale: LC_ALL, then LC_MESSAGES, then LANG (fr... : French, else English)."})
public final class TourCommand implements Callable<Integer> {
    private final Session session;
    private final ToIntFunction<List<String>> commands;

    @Option(names = "--lang", paramLabel = "fr|en", description = "The tour's language (default: from the locale).") String lang;
    @Option(names = "--name", paramLabel = "NAME", description = "The container's name (default: tour).") String name = "tour";
    @Option(names = "--no-pause", description = "Do not wait for Enter between stages.") boolean noPause;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    /** @param commands runs one command line as typed at the prompt (the Cli's execute) */
    public TourCommand(Session session, ToIntFunction<List<String>> commands) {
        this.session = session;
        this.commands = commands;
    }

    @Override
    public Integer call() {
        Language language;
        try {
            language = lang == null ? Language.fromEnvironment(System.getenv()) : Language.parse(lang);
        } catch (IllegalArgumentException e) {
            throw new EngineException("tour " + e.getMessage());
        }
        Pause pause = noPause ? Pause.NONE : session.pause();
        return new Tour(session, TourTexts.of(language), pause, commands, name).run();
    }
}
