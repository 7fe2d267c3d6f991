package jlab.shell.command;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import jlab.engine.containerfs.ContainerFiles;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jlab export}: a container's root filesystem as one flat tar. */
@Command(name = "export", description = "Export a container's filesystem as a tar archive (its image's layers and its changes, merged).",
        footer = {"", "jlab import, docker import and podman import make an image of one layer from it."})
public final class ExportCommand implements Callable<Integer> {
    private final Session session;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;
    @Parameters(paramLabel = "CONTAINER", description = "Name, id, or unique id prefix; running or stopped.") String container;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public ExportCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        return ImageArchiveCommands.refusing(session, () -> {
            ContainerFiles files = ContainerFiles.of(session.engine(), container);
            ImageArchiveCommands.writeTar(session, output, "export", files::export);
            return 0;
        });
    }
}
