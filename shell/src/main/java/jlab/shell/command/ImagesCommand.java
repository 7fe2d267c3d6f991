package jlab.shell.command;

import java.util.concurrent.Callable;

import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jlab images}: the images there are. */
@Command(name = "images", description = "List images (the built-in busybox appears once built by a first run).")
public final class ImagesCommand implements Callable<Integer> {
    private final Session session;

    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public ImagesCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        session.out().println("REPOSITORY");
        session.engine().images().names().forEach(session.out()::println);
        return 0;
    }
}
