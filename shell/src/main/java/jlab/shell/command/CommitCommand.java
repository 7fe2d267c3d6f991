package jlab.shell.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import jlab.engine.containerfs.Commit;
import jlab.engine.image.StoredImage;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jlab commit}: a container's changes as a new image on top of its own (see {@link Commit}). */
@Command(name = "commit", description = "Create a new image from a container's changes (its upper directory as one more layer).",
        footer = {"", "  jlab run --name box busybox sh -c 'echo hi > /greeting'",
                "  jlab commit -m 'a greeting' -c 'CMD [\"cat\", \"/greeting\"]' box greeter:1",
                "  jlab run --rm greeter:1                     # hi"})
public final class CommitCommand implements Callable<Integer> {
    private final Session session;

    @Option(names = {"-a", "--author"}, paramLabel = "AUTHOR", description = "The image's author (\"Name <email>\").") String author;
    @Option(names = {"-c", "--change"}, paramLabel = "INSTRUCTION",
            description = "A Dockerfile instruction for the image's settings: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR.")
    List<String> changes = new ArrayList<>();
    @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE", description = "The history's comment.") String message;
    @Option(names = {"-p", "--pause"}, paramLabel = "true|false", arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Freeze a running container while its changes are read (default: true; --pause=false reads it as it runs).")
    boolean pause;
    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Name, id, or unique id prefix; running or stopped.") String container;
    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME[:TAG]", description = "The new image's name.") String tag;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public CommitCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        return ImageArchiveCommands.refusing(session, () -> {
            StoredImage s = new Commit(session.engine()).commit(container, new Commit.Options(message, author, changes, pause, tag));
            session.out().println(s.id());
            return 0;
        });
    }
}
