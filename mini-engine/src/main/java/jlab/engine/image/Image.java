package jlab.engine.image;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a container starts from: its layers, and how to run it.
 *
 * @param name     what the user called it ({@code web:1}, {@code busybox}), or the directory of --rootfs
 * @param id       the image's ID ({@code sha256:} of its config), or null for a --rootfs directory
 * @param layers   the layers' directories, the lowest first; overlayfs stacks them read-only
 * @param settings Docker's settings of the image: Cmd, Entrypoint, Env, WorkingDir, User, ExposedPorts...
 */
public record Image(String name, String id, List<Path> layers, ImageConfig.Settings settings) {
    public static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public Image {
        layers = List.copyOf(layers);
        if (settings == null) settings = ImageConfig.Settings.EMPTY;
    }

    /** A single directory seen as an image: --rootfs, or a running container's root for exec. */
    public static Image directory(String name, Path dir) {
        return new Image(name, null, List.of(dir), ImageConfig.Settings.EMPTY.withEnv(List.of(DEFAULT_PATH)));
    }

    /** Docker's CMD: run when the user gives no command (may be empty). */
    public List<String> defaultCommand() { return settings.cmd() == null ? List.of() : settings.cmd(); }

    /** Docker's ENTRYPOINT: put before the command (may be empty). */
    public List<String> entrypoint() { return settings.entrypoint() == null ? List.of() : settings.entrypoint(); }

    /** The image's environment, {@code NAME=value}; an image without one gets the usual PATH, as in Docker. */
    public List<String> env() {
        List<String> env = settings.envOrEmpty();
        return env.stream().anyMatch(e -> e.startsWith("PATH=")) ? env
                : java.util.stream.Stream.concat(java.util.stream.Stream.of(DEFAULT_PATH), env.stream()).toList();
    }

    public String workdir() {
        return settings.workingDir() == null || settings.workingDir().isEmpty() ? "/" : settings.workingDir();
    }

    /** Docker's USER: who the command runs as when --user is not given (null: root). */
    public String user() { return settings.user() == null || settings.user().isEmpty() ? null : settings.user(); }

    /** EXPOSE's ports, {@code 80/tcp}: what -P publishes. */
    public List<String> exposedPorts() {
        Map<String, ?> m = settings.exposedPorts();
        return m == null ? List.of() : List.copyOf(m.keySet());
    }

    /** VOLUME's paths: each gets an anonymous volume in a container of the image. */
    public List<String> volumes() {
        Map<String, ?> m = settings.volumes();
        return m == null ? List.of() : List.copyOf(m.keySet());
    }

    /**
     * overlayfs's {@code lowerdir}: the layers top first, each directory once. An image may hold the same
     * layer twice (two RUNs that changed nothing each make the same empty layer, as Docker's classic builder
     * does), and the kernel refuses a lowerdir named twice (ELOOP). Keeping only the highest occurrence
     * changes nothing a container sees: a lookup goes top down, and the higher copy holds every name the
     * lower one does, so the lower one is never reached.
     */
    public List<Path> lowerDirs() {
        java.util.LinkedHashSet<Path> topFirst = new java.util.LinkedHashSet<>();
        for (int i = layers.size() - 1; i >= 0; i--) topFirst.add(layers.get(i));
        return List.copyOf(topFirst);
    }

    /** The layer at the top: what a container sees where no upper directory hides it. */
    public Path top() { return layers.get(layers.size() - 1); }

    /**
     * The file at {@code relative} (e.g. "etc/passwd") as a container of this image sees it, looked up
     * as overlayfs does: the highest layer that has it wins; a whiteout (a 0/0 character device) in a
     * layer, or an opaque directory on the way, hides the layers below.
     */
    public Optional<Path> file(String relative) {
        String rel = relative.startsWith("/") ? relative.substring(1) : relative;
        if (rel.isEmpty()) return Optional.of(top());
        for (int i = layers.size() - 1; i >= 0; i--) {
            Path layer = layers.get(i);
            Path p = layer.resolve(rel);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return Whiteouts.isWhiteout(p) ? Optional.empty() : Optional.of(p);
            if (hidesBelow(layer, rel)) return Optional.empty();
        }
        return Optional.empty();
    }

    /** Does {@code layer} delete {@code rel} or one of its parents, or make a parent opaque? */
    private static boolean hidesBelow(Path layer, String rel) {
        Path at = layer;
        String[] parts = rel.split("/");
        for (int i = 0; i < parts.length; i++) {
            at = at.resolve(parts[i]);
            if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) return false;
            if (Whiteouts.isWhiteout(at)) return true;
            if (i < parts.length - 1 && Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS) && Whiteouts.isOpaque(at)) return true;
        }
        return false;
    }
}
