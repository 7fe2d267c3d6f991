package jlab.engine.state;

import java.nio.file.Path;

/**
 * One container's directory. The overlay's three directories live here:
 * {@code upper} receives every write, {@code work} is overlayfs's scratch space
 * (it must be on the same filesystem as upper), and {@code rootfs} is where the
 * merged view is mounted — inside the container's mount namespace only, so the
 * host's mount table never shows it.
 */
public record ContainerPaths(Path dir) {
    public String id() { return dir.getFileName().toString(); }

    public Path upper() { return dir.resolve("upper"); }

    public Path work() { return dir.resolve("work"); }

    public Path rootfs() { return dir.resolve("rootfs"); }

    public Path config() { return dir.resolve("config.json"); }

    public Path state() { return dir.resolve("state.json"); }
}
