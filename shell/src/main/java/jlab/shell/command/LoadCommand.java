package jlab.shell.command;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import jlab.engine.EngineException;
import jlab.engine.image.ImageLoader;
import jlab.kernel.syscall.Syscalls;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jlab load}: images from a tarball of docker save, podman save, skopeo or jlab save (see {@link ImageLoader}). */
@Command(name = "load", description = "Load images from a tar archive (docker save, podman save, an OCI layout).",
        footer = {"", "Every blob is checked against its digest and size, every layer against the config's diff_ids:",
                "a truncated or corrupted archive is refused and nothing of it is kept."})
public final class LoadCommand implements Callable<Integer> {
    private final Session session;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Read from FILE (plain or gzip) instead of standard input.")
    Path input;
    @Option(names = {"-q", "--quiet"}, description = "Accepted, as Docker's (jlab shows no progress).") boolean quiet;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public LoadCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        return ImageArchiveCommands.refusing(session, () -> {
            ImageLoader loader = new ImageLoader(session.engine().images());
            List<String> lines;
            if (input != null) {
                lines = loader.load(input, input.toString());
            } else {
                if (Syscalls.get().isatty(0)) {
                    throw new EngineException("requested load from stdin, but stdin is a terminal: give -i FILE, or"
                            + " redirect (jlab load < FILE)", ImageArchiveCommands.REFUSED);
                }
                lines = loader.load(System.in, "standard input");
            }
            lines.forEach(session.out()::println);
            return 0;
        });
    }
}
