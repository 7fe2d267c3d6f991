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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import jlab.labs.check.CheckKinds;
import jlab.labs.model.Lab;
import jlab.labs.run.Fixtures;
import jlab.labs.run.Resets;
import jlab.labs.yaml.LabReader;
import jlab.labs.yaml.Problem;

/**
 * The labs jlab knows: the built-in ones — one folder each under
 * {@code labs/} in the module's resources, listed in {@code labs/catalogue.txt}
 * in the course's order, their ids fixed once published (the course and the
 * web tutor link to them) — and, after them, an instructor's own, from a
 * folder named by {@value #LABS_DIR}: each sub-folder a lab, read as
 * {@code jlab lab validate} reads it. A lab of that folder that is invalid,
 * or whose id is a built-in lab's, is left out with one line that says why
 * ({@link #problems()}); the others are all there.
 */
public final class Catalogue {
    /** The environment variable naming a folder of an instructor's labs. */
    public static final String LABS_DIR = "JLAB_LABS_DIR";
    private static final String INDEX = "/labs/catalogue.txt";

    private final Path builtInRoot;
    private final List<String> builtInIds;
    private final Map<String, Lab> added;
    private final Map<String, String> problems;
    private final Map<String, Lab> read = new ConcurrentHashMap<>();

    private Catalogue(Path builtInRoot, List<String> builtInIds, Map<String, Lab> added, Map<String, String> problems) {
        this.builtInRoot = builtInRoot;
        this.builtInIds = List.copyOf(builtInIds);
        this.added = added;
        this.problems = problems;
    }

    /** The built-in labs (inside jlab's jar, or target/classes in a build). */
    public static Catalogue builtIn() {
        URL index = Catalogue.class.getResource(INDEX);
        if (index == null) throw new IllegalStateException("jlab's labs are missing from its class path (" + INDEX + ")");
        try (InputStream in = index.openStream()) {
            List<String> ids = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            return new Catalogue(folderOf(index.toURI()).getParent(), ids, Map.of(), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The built-in labs, and those of the folder {@value #LABS_DIR} names in {@code env} (when it names one). */
    public static Catalogue standard(Map<String, String> env) {
        Catalogue builtIn = builtIn();
        String dir = env.get(LABS_DIR);
        return dir == null || dir.isBlank() ? builtIn : builtIn.with(Path.of(dir));
    }

    /**
     * These labs, then those of {@code dir} (its sub-folders, by name; hidden
     * ones and plain files are not labs). Each is read and validated as
     * {@code lab validate} does; one that is invalid or takes a built-in id is
     * left out, named in {@link #problems()}.
     */
    public Catalogue with(Path dir) {
        Map<String, Lab> labs = new LinkedHashMap<>(added);
        Map<String, String> refused = new LinkedHashMap<>(problems);
        if (!Files.isDirectory(dir)) {
            refused.put(dir.toString(), LABS_DIR + "=" + dir + ": no such folder (an instructor's labs: one sub-folder per lab)");
            return new Catalogue(builtInRoot, builtInIds, labs, refused);
        }
        for (Path folder : subFolders(dir)) {
            String id = folder.getFileName().toString();
            if (builtInIds.contains(id) || labs.containsKey(id)) {
                refused.put(id, folder + ": left out: '" + id + "' is already a lab's id (built in or listed above);"
                        + " give this lab an id of its own (its folder's name and its id: in lab.yaml)");
                continue;
            }
            LabReader.Result r = LabReader.read(folder, vocabulary());
            if (r.ok()) {
                labs.put(id, r.lab());
            } else {
                Problem first = r.problems().get(0);
                int n = r.problems().size();
                refused.put(id, folder + ": left out: " + n + (n == 1 ? " problem" : " problems") + ", the first: " + first
                        + " (all of them: jlab lab validate " + folder + ")");
            }
        }
        return new Catalogue(builtInRoot, builtInIds, labs, refused);
    }

    private static List<Path> subFolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
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

    /** Every lab's id: the built-in ones in the course's order, then the instructor's by name. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>(builtInIds);
        ids.addAll(added.keySet());
        return List.copyOf(ids);
    }

    public boolean isBuiltIn(String id) { return builtInIds.contains(id); }

    /** The labs of the instructor's folder that were left out, one line each: where, and why. */
    public List<String> problems() { return List.copyOf(problems.values()); }

    /** Why the instructor's lab of that id was left out, if it was. */
    public Optional<String> problem(String id) { return Optional.ofNullable(problems.get(id)); }

    /**
     * The lab, read and validated (once: the grader asks for it per file, from
     * several threads); a built-in lab with problems is a bug of jlab's (its
     * tests read them all).
     */
    public Optional<Lab> find(String id) {
        if (added.containsKey(id)) return Optional.of(added.get(id));
        if (!builtInIds.contains(id)) return Optional.empty();
        return Optional.of(read.computeIfAbsent(id, this::readBuiltIn));
    }

    private Lab readBuiltIn(String id) {
        LabReader.Result r = LabReader.read(builtInRoot.resolve(id), vocabulary());
        if (!r.ok()) {
            throw new IllegalStateException("built-in lab " + id + " is invalid: "
                    + r.problems().stream().map(Problem::toString).reduce((a, b) -> a + "; " + b).orElse(""));
        }
        return r.lab();
    }

    public List<Lab> all() { return ids().stream().map(id -> find(id).orElseThrow()).toList(); }
}
