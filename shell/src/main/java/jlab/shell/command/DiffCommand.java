package jlab.shell.command;

import java.util.List;
import java.util.concurrent.Callable;

import jlab.engine.containerfs.ContainerFiles;
import jlab.engine.image.ContainerChanges;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jlab diff}: what a container added (A), changed (C) and deleted (D), read from its upper directory. */
@Command(name = "diff", description = "List what a container changed in its image's files: A added, C changed, D deleted.",
        footer = {"", "The list is the container's overlay upper directory, read from the host: ls it to see the files",
                "(a deleted file is a whiteout there: a character device 0/0)."})
public final class DiffCommand implements Callable<Integer> {
    private final Session session;

    @Parameters(paramLabel = "CONTAINER", description = "Name, id, or unique id prefix; running or stopped.") String container;
    @Option(names = "--json", description = "Print JSON: [{\"Kind\": \"A\", \"Path\": \"/f\"}].") boolean json;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public DiffCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        return ImageArchiveCommands.refusing(session, () -> {
            List<ContainerChanges.Change> changes = ContainerFiles.of(session.engine(), container).changes().list();
            if (json) {
                session.out().println(VolumeCommand.json(changes.stream()
                        .map(c -> {
                            java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
                            m.put("Kind", String.valueOf(c.kind()));
                            m.put("Path", c.path());
                            return m;
                        }).toList()));
            } else {
                changes.forEach(c -> session.out().println(c));
            }
            return 0;
        });
    }
}
