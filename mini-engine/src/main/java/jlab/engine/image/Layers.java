package jlab.engine.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jlab.engine.EngineException;
import jlab.engine.state.ContainerStore;

/**
 * The unpacked layers: {@code images/layers/HEX} is the layer whose uncompressed tar has the SHA-256
 * HEX (its "diff_id"), unpacked once and shared by every image and container that stacks it. A
 * container's root is an overlay of these directories, read-only, under its own upper directory.
 * Each also has a short name, {@code images/l/NAME} (see {@link LayerLinks}).
 */
final class Layers {
    private final Path dir;

    Layers(Path imagesDir) { this.dir = imagesDir.resolve("layers"); }

    Path path(Digest diffId) { return dir.resolve(diffId.hex()); }

    /**
     * The layer's directory, unpacked from {@code blob} first if it is not there. The tar's digest is
     * checked against {@code diffId} as it is read: a blob that was changed is refused, and nothing of
     * it stays.
     */
    Path ensure(Digest diffId, Descriptor blob, Blobs blobs, String what) {
        Path target = path(diffId);
        if (Files.isDirectory(target)) {
            LayerLinks.ensure(target);
            return target;
        }
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempDirectory(dir, ".unpack-");
            try (InputStream raw = blobs.open(blob.digest());
                 Digest.Counting tar = new Digest.Counting(LayerReader.uncompressed(raw))) {
                new LayerReader(tmp, what).unpack(tar);
                tar.drain();
                if (!tar.digest().equals(diffId)) {
                    throw new EngineException(what + ": digest mismatch: its tar hashes to " + tar.digest()
                            + ", but the image's config says " + diffId);
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException other) {
                // Another jlab unpacked it at the same time: theirs is the same content.
            }
            LayerLinks.ensure(target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + what + " into " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null && Files.exists(tmp)) ContainerStore.deleteTree(tmp);
        }
    }

    List<Digest> list() {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            List<Digest> out = new ArrayList<>();
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.length() == 64 && !n.startsWith(".")) out.add(new Digest(n));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(Digest diffId) {
        LayerLinks.remove(path(diffId));
        ContainerStore.deleteTree(path(diffId));
    }

    /**
     * What a killed jlab left: unpacking directories ({@code .unpack-*}) older than a minute, and short
     * names whose layer is gone.
     */
    void deleteStaleTemporaries() {
        LayerLinks.removeDangling(dir);
        if (!Files.isDirectory(dir)) return;
        long old = System.currentTimeMillis() - 60_000;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".unpack-")).toList()) {
                if (Files.getLastModifiedTime(p).toMillis() < old) ContainerStore.deleteTree(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
