package jlab.labs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jlab.labs.check.CheckKinds;
import jlab.labs.model.Lab;
import jlab.labs.run.Fixtures;
import jlab.labs.run.Resets;
import jlab.labs.yaml.LabReader;
import jlab.labs.yaml.Problem;

/**
 * The labs jlab ships: one folder each under {@code labs/} in the module's
 * resources, listed in {@code labs/catalogue.txt} in the course's order. The
 * ids are fixed once published: the course and the web tutor link to them.
 */
public final class Catalogue {
    private static final String INDEX = "/labs/catalogue.txt";

    private final Path root;
    private final List<String> ids;

    private Catalogue(Path root, List<String> ids) {
        this.root = root;
        this.ids = List.copyOf(ids);
    }

    /** The built-in labs (inside jlab's jar, or target/classes in a build). */
    public static Catalogue builtIn() {
        URL index = Catalogue.class.getResource(INDEX);
        if (index == null) throw new IllegalStateException("jlab's labs are missing from its class path (" + INDEX + ")");
        try (InputStream in = index.openStream()) {
            List<String> ids = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            return new Catalogue(folderOf(index.toURI()).getParent(), ids);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A path for a resource, also when it is inside a jar (a zip file system, opened once). */
    private static Path folderOf(URI uri) throws IOException {
        if (!uri.getScheme().equals("jar")) return Path.of(uri);
        try {
            FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException alreadyOpen) {
            // another catalogue opened it: the same files
        }
        return Path.of(uri);
    }

    /** What lab.yaml may name: the check, fixture and reset kinds jlab has. */
    public static LabReader.Vocabulary vocabulary() {
        return new LabReader.Vocabulary(CheckKinds.signatures(), Fixtures.signatures(), Resets.signatures());
    }

    public List<String> ids() { return ids; }

    /** The lab, read and validated; a built-in lab with problems is a bug of jlab's (its tests read them all). */
    public Optional<Lab> find(String id) {
        if (!ids.contains(id)) return Optional.empty();
        LabReader.Result r = LabReader.read(root.resolve(id), vocabulary());
        if (!r.ok()) {
            throw new IllegalStateException("built-in lab " + id + " is invalid: "
                    + r.problems().stream().map(Problem::toString).reduce((a, b) -> a + "; " + b).orElse(""));
        }
        return Optional.of(r.lab());
    }

    public List<Lab> all() { return ids.stream().map(id -> find(id).orElseThrow()).toList(); }
}
