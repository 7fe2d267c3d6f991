package jlab.engine.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jlab.engine.EngineException;

/**
 * Finds the image a container starts from. For now: the built-in busybox
 * (built on first use under {@code images/busybox/rootfs}) and any directory
 * given with {@code --rootfs}. Content-addressed layers come with images.
 */
public final class ImageStore {
    private final Path imagesDir;

    public ImageStore(Path imagesDir) { this.imagesDir = imagesDir; }

    /** The image called {@code name}, building the built-in one if needed. */
    public Image resolve(String name) {
        String bare = name.endsWith(":latest") ? name.substring(0, name.length() - ":latest".length()) : name;
        if (!bare.equals(BusyboxImage.NAME)) {
            throw new EngineException("Unable to find image '" + name + "': jlab has the built-in image \"busybox\","
                    + " or run any directory with --rootfs DIR");
        }
        Path rootfs = imagesDir.resolve(BusyboxImage.NAME).resolve("rootfs");
        if (!Files.isDirectory(rootfs)) BusyboxImage.build(rootfs);
        return BusyboxImage.describe(rootfs);
    }

    /** A directory used as an image ({@code --rootfs DIR}): no default command. */
    public static Image directory(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new EngineException("--rootfs " + dir + ": no such directory");
        }
        return new Image(abs.toString(), abs, List.of(), List.of(Image.DEFAULT_PATH), "/");
    }

    /** Names of the images that exist now (built-in ones count once built). */
    public List<String> names() {
        return Files.isDirectory(imagesDir.resolve(BusyboxImage.NAME).resolve("rootfs"))
                ? List.of(BusyboxImage.NAME) : List.of();
    }
}
