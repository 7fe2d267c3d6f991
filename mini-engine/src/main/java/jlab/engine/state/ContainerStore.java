package jlab.engine.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import jlab.engine.ContainerSpec;
import jlab.engine.EngineException;

/**
 * The containers jlab knows, one directory each under {@code containers/}.
 * Safe when several jlab processes run at once: a name is taken by creating
 * {@code names/NAME} (atomic, fails if it exists), state.json is replaced by a
 * rename (a reader sees the old file or the new one, never half of one).
 */
public final class ContainerStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What a name, an id or an id prefix can be (as {@link jlab.engine.Names} allows): never "", "." or a path. */
    private static final Pattern NAME_OR_ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private final StateDir state;

    public ContainerStore(StateDir state) { this.state = state; }

    public StateDir stateDir() { return state; }

    /**
     * Takes {@code name} for container {@code id}. A name whose container no
     * longer exists (a crash between the two) is taken over.
     */
    public void reserveName(String name, String id) {
        Path file = state.names().resolve(name);
        try {
            Files.createDirectories(state.names());
            try {
                Files.writeString(Files.createFile(file), id);
            } catch (FileAlreadyExistsException e) {
                String holder = readName(name).orElse("");
                if (!holder.isEmpty() && Files.isDirectory(state.containers().resolve(holder))) {
                    throw inUse(name, holder);
                }
                // Stale: its container is gone. Remove it and take the name the atomic way again,
                // so that of two jlabs doing this at once, one wins and the other is told it is in use.
                Files.deleteIfExists(file);
                try {
                    Files.writeString(Files.createFile(file), id);
                } catch (FileAlreadyExistsException lost) {
                    throw inUse(name, readName(name).orElse("?"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static EngineException inUse(String name, String holder) {
        return new EngineException("the container name \"" + name + "\" is already in use by container "
                + holder.substring(0, Math.min(12, holder.length()))
                + ": remove that container (jlab rm " + name + ") or choose another --name");
    }

    public Optional<String> readName(String name) {
        try {
            return Optional.of(Files.readString(state.names().resolve(name)).trim());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Frees {@code name} if {@code id} still holds it. */
    public void releaseName(String name, String id) {
        if (name != null && readName(name).filter(id::equals).isPresent()) {
            try {
                Files.deleteIfExists(state.names().resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public void save(ContainerRecord record) {
        ContainerPaths paths = state.container(record.id());
        if (Files.isDirectory(paths.dir())) {
            writeAtomically(paths.state(), record);
            return;
        }
        try {
            createWithRecord(paths, record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + paths.dir() + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code value} as JSON to {@code file} by a rename: a reader sees the old file or the new one, never half of one. */
    private static void writeAtomically(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), value);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the container's spec to config.json, before anything of it is made: a later jlab (another
     * process) rebuilds the container's steps from it to undo them, and finds its volumes in it.
     */
    public void saveConfig(String id, ContainerSpec spec) {
        writeAtomically(state.container(id).config(), spec);
    }

    /** The spec a container was made from, or empty if it has no readable config.json. */
    public Optional<ContainerSpec> loadConfig(String id) {
        try {
            return Optional.of(JSON.readValue(state.container(id).config().toFile(), ContainerSpec.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * A new container's directory appears with its state.json in it, never
     * without: it is made under a hidden name ({@code .ID.new}, which
     * {@link #ids} skips) and renamed into place. Another jlab's sweep,
     * which takes a directory without a record for a crash's leftover, can
     * thus never remove a container being created.
     */
    private void createWithRecord(ContainerPaths paths, ContainerRecord record) throws IOException {
        Path staging = state.containers().resolve("." + record.id() + ".new");
        Files.createDirectories(staging);
        JSON.writeValue(staging.resolve(paths.state().getFileName().toString()).toFile(), record);
        Files.move(staging, paths.dir(), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The record, or empty if the directory has none (or an unreadable one: a crash mid-creation). */
    public Optional<ContainerRecord> load(String id) {
        try {
            return Optional.of(JSON.readValue(state.container(id).state().toFile(), ContainerRecord.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The ids of every container directory, records or not. */
    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(state.containers())) return ids;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(state.containers())) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (Files.isDirectory(d) && !name.startsWith(".")) ids.add(name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    public List<ContainerRecord> list() {
        List<ContainerRecord> records = new ArrayList<>();
        for (String id : ids()) load(id).ifPresent(records::add);
        records.sort(Comparator.comparingLong(ContainerRecord::created).reversed());
        return records;
    }

    /** Finds a container by full id, unique id prefix, or name. */
    public Optional<ContainerRecord> find(String idOrName) {
        // "" would be a prefix of every id, and "..", "../x" would read files outside names/.
        if (!NAME_OR_ID.matcher(idOrName).matches()) return Optional.empty();
        Optional<String> byName = readName(idOrName);
        if (byName.isPresent()) {
            Optional<ContainerRecord> r = load(byName.get());
            if (r.isPresent()) return r;
        }
        List<String> matches = ids().stream().filter(id -> id.startsWith(idOrName)).toList();
        if (matches.size() > 1) {
            throw new EngineException("\"" + idOrName + "\" matches several containers: give more of the id");
        }
        return matches.isEmpty() ? Optional.empty() : load(matches.get(0));
    }

    /** Deletes a container's directory and frees its name. */
    public void delete(String id, String name) {
        deleteTree(state.container(id).dir());
        releaseName(name, id);
    }

    /** rm -rf, for directories jlab made (no symlink is followed: Files.walk does not follow links). */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }
}
