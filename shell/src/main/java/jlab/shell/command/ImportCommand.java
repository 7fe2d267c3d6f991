package jlab.shell.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import jlab.engine.EngineException;
import jlab.engine.image.ImageImport;
import jlab.engine.image.StoredImage;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jlab import}: a flat tar of a root filesystem becomes an image of one layer (see {@link ImageImport}). */
@Command(name = "import", description = "Import a root filesystem's tar (jlab export, docker export) as an image of one layer.",
        footer = {"", "  jlab import rootfs.tar web:1 --change 'CMD [\"sh\"]'",
                "  jlab export box | jlab import - box-flat"})
public final class ImportCommand implements Callable<Integer> {
    private final Session session;

    @Parameters(index = "0", paramLabel = "FILE", description = "The tar (plain or gzip); - for standard input.") String file;
    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME[:TAG]", description = "The new image's name.") String tag;
    @Option(names = {"-c", "--change"}, paramLabel = "INSTRUCTION",
            description = "A Dockerfile instruction for the image's settings: CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR.")
    List<String> changes = new java.util.ArrayList<>();
    @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE", description = "The history's comment.") String message;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public ImportCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        return ImageArchiveCommands.refusing(session, () -> {
            ImageImport importer = new ImageImport(session.engine().images());
            List<String> tags = tag == null ? List.of() : List.of(tag);
            StoredImage s;
            if (file.equals("-")) {
                s = importer.importTar(System.in, "-", changes, message, tags);
            } else {
                Path p = Path.of(file);
                if (!Files.isReadable(p)) throw new EngineException("import " + file + ": no such file", ImageArchiveCommands.REFUSED);
                try (InputStream in = Files.newInputStream(p)) {
                    s = importer.importTar(in, file, changes, message, tags);
                } catch (IOException e) {
                    throw new EngineException("import " + file + ": " + e.getMessage(), ImageArchiveCommands.REFUSED);
                }
            }
            session.out().println(s.id());
            return 0;
        });
    }
}
