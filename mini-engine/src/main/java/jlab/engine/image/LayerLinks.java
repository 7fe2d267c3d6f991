package jlab.engine.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Short names for the layers' directories, so that a deep image still fits in one mount(2) call.
 *
 * <p>mount(2) takes its options in one page (4096 bytes), and each layer of {@code lowerdir} is a path:
 * {@code /var/lib/jlab/images/layers/} and 64 hex digits, about 95 bytes, so about 40 layers fit. Docker's
 * overlay2 driver meets the same limit the same way: each layer gets a short symbolic link
 * ({@code overlay2/l/ABC...} to {@code ../ID/diff}), and the mount is made from inside {@code l/}, naming
 * the layers relatively ({@code lowerdir=ABC...:DEF...}). overlayfs resolves each name once, at mount
 * time, from the caller's working directory, and follows the link; the container never sees it.
 *
 * <p>Here {@code images/l/NAME} links to {@code ../layers/HEX}. NAME is the first 12 hex digits of the
 * layer's diff ID (Docker's short ID), longer only if another layer already holds that prefix. At 13
 * bytes a layer, the page holds about 280 layers; overlayfs itself stacks at most 500.
 */
public final class LayerLinks {
    /** The shortest name: Docker's short ID. */
    private static final int SHORT = 12;

    private LayerLinks() {}

    /** The directory of the links for the layers kept in {@code layersDir} ({@code images/layers}). */
    public static Path dirFor(Path layersDir) { return layersDir.resolveSibling("l"); }

    /** What a link to {@code layer} holds: a path relative to the links' directory. */
    private static Path target(Path layer) {
        return Path.of("..", layer.getParent().getFileName().toString(), layer.getFileName().toString());
    }

    /** The names {@code layer} may have, shortest first. */
    private static List<String> candidates(Path layer) {
        String name = layer.getFileName().toString();
        List<String> out = new ArrayList<>();
        for (int n = Math.min(SHORT, name.length()); n < name.length(); n += 4) out.add(name.substring(0, n));
        out.add(name);
        return out;
    }

    /** The link's name of a layer's directory in the store, if it has one. */
    public static Optional<String> find(Path layer) {
        Path links = dirFor(layer.getParent());
        for (String name : candidates(layer)) {
            Path link = links.resolve(name);
            if (pointsTo(link, layer)) return Optional.of(name);
        }
        return Optional.empty();
    }

    /**
     * Gives {@code layer} its short name, if it has none yet; returns it. Every container start asks,
     * so the usual answer (the link is there) costs one readlink(2).
     */
    static String ensure(Path layer) {
        Path links = dirFor(layer.getParent());
        try {
            for (String name : candidates(layer)) {
                Path link = links.resolve(name);
                if (pointsTo(link, layer)) return name;
                if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) continue; // another layer's name
                Files.createDirectories(links);
                try {
                    Files.createSymbolicLink(link, target(layer));
                    return name;
                } catch (FileAlreadyExistsException taken) {
                    if (pointsTo(link, layer)) return name; // made at the same time by another jlab
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link " + layer + " in " + links + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException(layer + ": every name in " + links + " is taken by another layer");
    }

    /** Removes the link to {@code layer} (its directory is being deleted). */
    static void remove(Path layer) {
        find(layer).ifPresent(name -> delete(dirFor(layer.getParent()).resolve(name)));
    }

    /** Removes the links whose layer is gone: what a jlab killed while deleting a layer left. */
    static void removeDangling(Path layersDir) {
        Path links = dirFor(layersDir);
        if (!Files.isDirectory(links)) return;
        try (Stream<Path> s = Files.list(links)) {
            for (Path link : s.toList()) if (Files.isSymbolicLink(link) && !Files.exists(link)) delete(link);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean pointsTo(Path link, Path layer) {
        try {
            return Files.readSymbolicLink(link).equals(target(layer));
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Path link) {
        try {
            Files.deleteIfExists(link);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
