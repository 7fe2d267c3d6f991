package jlab.engine.state;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where jlab keeps everything it makes, so that nothing is ever lost track of:
 *
 * <pre>
 * /var/lib/jlab/
 *   bin/                 the native helper, extracted from the jar
 *   images/busybox/      rootfs/ of the built-in image
 *   containers/ID/       config.json, state.json, upper/, work/, rootfs/ (the overlay's mount point)
 *   names/NAME           the id that holds NAME (created atomically: two runs cannot take one name)
 *   volumes/NAME/_data   a volume's files (bind-mounted into the containers that use it); volumes/NAME/anonymous
 *                        holds the id of the container an anonymous volume belongs to
 * </pre>
 *
 * {@code JLAB_STATE_DIR} moves it (tests use their own).
 *
 * One state directory is one engine: its containers' cgroups live under a
 * parent cgroup of its own ({@link #cgroupParent}), so that the sweep of one
 * engine never takes another's running containers for leftovers.
 */
public record StateDir(Path root) {
    public static final Path DEFAULT = Path.of("/var/lib/jlab");

    /** From {@code JLAB_STATE_DIR}, or the default. */
    public static StateDir fromEnvironment() {
        String dir = System.getenv("JLAB_STATE_DIR");
        return new StateDir(dir == null || dir.isBlank() ? DEFAULT : Path.of(dir).toAbsolutePath());
    }

    public Path bin() { return root.resolve("bin"); }

    public Path images() { return root.resolve("images"); }

    public Path containers() { return root.resolve("containers"); }

    public Path names() { return root.resolve("names"); }

    public ContainerPaths container(String id) { return new ContainerPaths(containers().resolve(id)); }

    /**
     * The cgroup under which this engine's containers live, like Docker's
     * "docker": {@code jlab} for the default state directory, {@code jlab-}
     * and 8 hex digits of the directory's path for any other (a test's, a
     * second install's). Two engines never share one, so neither removes the
     * other's cgroups as orphans.
     */
    public String cgroupParent() {
        if (root.equals(DEFAULT)) return "jlab";
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(root.toString().getBytes(StandardCharsets.UTF_8));
            return "jlab-" + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
