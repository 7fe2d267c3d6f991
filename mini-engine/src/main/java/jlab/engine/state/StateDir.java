package jlab.engine.state;

import java.nio.file.Path;

/**
 * Where jlab keeps everything it makes, so that nothing is ever lost track of:
 *
 * <pre>
 * /var/lib/jlab/
 *   bin/                 the native helper, extracted from the jar
 *   images/busybox/      rootfs/ of the built-in image
 *   containers/ID/       config.json, state.json, upper/, work/, rootfs/ (the overlay's mount point)
 *   names/NAME           the id that holds NAME (created atomically: two runs cannot take one name)
 * </pre>
 *
 * {@code JLAB_STATE_DIR} moves it (tests use their own).
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
}
