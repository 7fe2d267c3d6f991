package jlab.shell.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import jlab.engine.image.ImageSaver;
import jlab.engine.image.ImageStore;
import jlab.engine.image.Reference;
import jlab.engine.image.StoredImage;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jlab save}: images as a tarball that Docker, Podman and skopeo load (see {@link ImageSaver}). */
@Command(name = "save", description = "Save images to a tar archive (an OCI layout with Docker's manifest.json).",
        footer = {"", "Docker (docker load), Podman (podman load) and skopeo (oci-archive:FILE) read it; jlab load too.",
                "An image named by its tag keeps the tag; one named by its ID is loaded untagged, as with Docker."})
public final class SaveCommand implements Callable<Integer> {
    private final Session session;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;
    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "NAME[:TAG] or image ID.") List<String> images;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public SaveCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        return ImageArchiveCommands.refusing(session, () -> {
            ImageStore store = session.engine().images();
            List<ImageSaver.Request> requests = new ArrayList<>();
            for (String ref : images) {
                StoredImage s = store.find(ref).orElseGet(() -> builtInOrMissing(store, ref));
                boolean byTag = !ref.startsWith("sha256:") && s.tags().contains(tagOf(ref));
                requests.add(new ImageSaver.Request(s, byTag ? List.of(tagOf(ref)) : List.of()));
            }
            ImageArchiveCommands.writeTar(session, output, "save", out -> new ImageSaver(store).write(requests, out));
            return 0;
        });
    }

    /** The built-in busybox is made on first use, by save as by run; any other missing image: Docker's line. */
    private static StoredImage builtInOrMissing(ImageStore store, String ref) {
        if (tagOf(ref).equals("busybox:latest")) {
            store.resolve(ref);
            return store.require(ref);
        }
        return store.require(ref);
    }

    private static String tagOf(String ref) {
        try {
            return Reference.parse(ref).toString();
        } catch (RuntimeException notAName) {
            return ref;
        }
    }
}
