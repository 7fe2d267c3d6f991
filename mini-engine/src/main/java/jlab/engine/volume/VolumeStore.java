package jlab.engine.volume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import jlab.engine.EngineException;
import jlab.engine.state.ContainerStore;
import jlab.engine.state.StateDir;

/**
 * The volumes jlab keeps, as Docker's local driver does: one directory each,
 * {@code STATE/volumes/NAME/_data}, bind-mounted into the containers that use it.
 * A volume is nothing more than a directory that does not belong to any
 * container's overlay: removing the container leaves it.
 *
 * <p>{@code volumes/NAME/anonymous} marks a volume made by {@code -v /path}; it holds the id of its container.
 * A volume is made by creating {@code volumes/NAME} (atomic: two jlabs cannot both make it), then _data.
 */
public final class VolumeStore {
    private static final String DATA = "_data";
    private static final String ANONYMOUS = "anonymous";

    private final Path root;

    public VolumeStore(StateDir state) { this.root = state.root().resolve("volumes"); }

    public Path root() { return root; }

    /** The directory a container sees: {@code volumes/NAME/_data}. */
    public Path data(String name) { return root.resolve(MountParser.volumeName(name)).resolve(DATA); }

    public boolean exists(String name) { return Files.isDirectory(data(name)); }

    /**
     * The name of container {@code containerId}'s anonymous volume at {@code target}: 64 hex digits, as Docker's,
     * but derived (SHA-256 of the id and the target) rather than random, so that any later jlab finds it from the
     * container's saved spec alone: nothing to remember between processes.
     */
    public static String anonymousName(String containerId, String target) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((containerId + ":" + target).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The volume's name for this container: its own, or its derived anonymous one. */
    public static String nameFor(MountSpec m, String containerId) {
        return m.anonymous() ? anonymousName(containerId, m.target()) : m.source();
    }

    /** {@code volume create NAME}: makes it, or finds it made (as Docker, creating an existing volume is no error). */
    public String create(String name) {
        make(name, null);
        return name;
    }

    /** Makes an anonymous volume for {@code containerId}, if not made yet. */
    public String createAnonymous(String name, String containerId) {
        make(name, containerId);
        return name;
    }

    /**
     * Makes volume {@code name} unless it exists; {@code anonymousFor}: the id of the container it is the
     * anonymous volume of, or null. Returns whether this call made it.
     */
    public boolean make(String name, String anonymousFor) {
        boolean made = false;
        Path dir = root.resolve(MountParser.volumeName(name));
        try {
            Files.createDirectories(root);
            try {
                Files.createDirectory(dir);
                made = true;
                if (anonymousFor != null) Files.writeString(dir.resolve(ANONYMOUS), anonymousFor);
            } catch (FileAlreadyExistsException e) {
                // made already (by us, or by another jlab at this very moment): it only needs its _data
            }
            Files.createDirectories(dir.resolve(DATA));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create volume " + dir + ": " + e.getMessage(), e);
        }
        return made;
    }

    /** A new name for {@code volume create} without one: 64 random hex digits, as Docker's. */
    public static String randomName() {
        byte[] b = new byte[32];
        new java.security.SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The names of every volume, sorted. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(root)) return names;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path d : dirs) if (Files.isDirectory(d.resolve(DATA))) names.add(d.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(null);
        return names;
    }

    /** The volume as inspect shows it; {@code usedBy} comes from the containers' specs (the caller knows them). */
    public Optional<Volume> find(String name, List<String> usedBy) {
        if (!exists(name)) return Optional.empty();
        Path dir = root.resolve(name);
        try {
            // volumes/NAME changes only when it is made (its _data and marker with it): its mtime is its birth
            FileTime created = Files.getLastModifiedTime(dir);
            return Optional.of(new Volume(name, "local", data(name).toString(),
                    created.toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                    Files.exists(dir.resolve(ANONYMOUS)), usedBy));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether a volume's directory is empty: Docker copies the image's files only into an empty volume. */
    public boolean isEmpty(String name) {
        try (Stream<Path> s = Files.list(data(name))) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes a volume and its data. The caller has checked that no container uses it.
     * Idempotent: a volume already gone is fine (a second {@code rm -v} from another jlab).
     */
    public void delete(String name) {
        Path dir = root.resolve(MountParser.volumeName(name));
        if (!Files.exists(dir)) return;
        // Rename first, then delete: a volume half deleted (a crash, a file being written) is never seen
        // under its name again, and a new volume of the same name can be made at once.
        Path trash = root.resolve(".removing-" + name + "-" + ProcessHandle.current().pid());
        try {
            Files.move(dir, trash);
        } catch (IOException e) {
            throw new EngineException("remove " + name + ": " + e.getMessage());
        }
        ContainerStore.deleteTree(trash);
    }
}
