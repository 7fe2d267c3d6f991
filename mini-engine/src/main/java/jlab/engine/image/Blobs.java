package jlab.engine.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jlab.engine.EngineException;

/**
 * The blobs of jlab's image store, as in an OCI image layout:
 * {@code images/blobs/sha256/HEX} holds the bytes whose SHA-256 is HEX — layer
 * tars, image configs, manifests. A blob is written under a temporary name and
 * renamed once its digest is known, so a reader never sees half of one, and a
 * name always proves its content.
 */
public final class Blobs {
    private final Path dir;

    Blobs(Path imagesDir) { this.dir = imagesDir.resolve("blobs").resolve("sha256"); }

    public Path path(Digest d) { return dir.resolve(d.hex()); }

    public boolean has(Digest d) { return Files.isRegularFile(path(d)); }

    /** Stores {@code bytes}; returns their digest. */
    public Digest put(byte[] bytes) {
        Digest d = Digest.of(bytes);
        if (has(d)) return d;
        try {
            Path tmp = temporary();
            Files.write(tmp, bytes);
            moveIn(tmp, d);
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write blob " + d + ": " + e.getMessage(), e);
        }
    }

    /** Stores what {@code writer} writes; returns the digest and size. */
    public Descriptor write(String mediaType, IoConsumer<OutputStream> writer) {
        try {
            Path tmp = temporary();
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    writer.accept(out);
                }
                Digest d;
                try (InputStream in = Files.newInputStream(tmp); Digest.Counting c = new Digest.Counting(in)) {
                    d = c.drain().digest();
                }
                long size = Files.size(tmp);
                moveIn(tmp, d);
                return new Descriptor(mediaType, d, size);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a blob in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stores the {@code expected.size()} bytes of {@code in} and checks that they hash to
     * {@code expected.digest()}: what a tarball claims is verified before anything uses it.
     */
    public void copyIn(InputStream in, Descriptor expected, String what) {
        if (has(expected.digest())) return;
        try {
            Path tmp = temporary();
            try {
                Digest.Counting c = new Digest.Counting(in);
                Files.copy(c, tmp, StandardCopyOption.REPLACE_EXISTING);
                if (!c.digest().equals(expected.digest())) {
                    throw new EngineException(what + ": digest mismatch: its content hashes to " + c.digest()
                            + ", but it is named " + expected.digest() + " (the file was changed or is corrupted)");
                }
                if (expected.size() >= 0 && c.size() != expected.size()) {
                    throw new EngineException(what + ": size mismatch: " + c.size() + " bytes, " + expected.size() + " expected");
                }
                moveIn(tmp, expected.digest());
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + what + ": " + e.getMessage(), e);
        }
    }

    public byte[] read(Digest d) {
        try {
            return Files.readAllBytes(path(d));
        } catch (IOException e) {
            throw new EngineException("the image store has lost blob " + d + " (" + e.getMessage() + "): remove the image"
                    + " and load or build it again");
        }
    }

    public InputStream open(Digest d) throws IOException { return Files.newInputStream(path(d)); }

    public long size(Digest d) {
        try {
            return Files.size(path(d));
        } catch (IOException e) {
            return 0;
        }
    }

    /** Every blob there is. */
    List<Digest> list() {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            List<Digest> out = new ArrayList<>();
            s.map(p -> p.getFileName().toString()).filter(n -> n.length() == 64 && !n.startsWith(".")).forEach(n -> {
                try {
                    out.add(new Digest(n));
                } catch (EngineException notADigest) {
                    // a stray file: not ours
                }
            });
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void delete(Digest d) {
        try {
            Files.deleteIfExists(path(d));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete blob " + d + ": " + e.getMessage(), e);
        }
    }

    /** Temporary files left by a killed jlab: {@code .tmp-*} older than a minute. */
    void deleteStaleTemporaries() {
        if (!Files.isDirectory(dir)) return;
        long old = System.currentTimeMillis() - 60_000;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList()) {
                if (Files.getLastModifiedTime(p).toMillis() < old) Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path temporary() throws IOException {
        Files.createDirectories(dir);
        return Files.createTempFile(dir, ".tmp-", "");
    }

    private void moveIn(Path tmp, Digest d) throws IOException {
        Files.move(tmp, path(d), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A writer that may throw IOException. */
    @FunctionalInterface
    public interface IoConsumer<T> {
        void accept(T t) throws IOException;
    }
}
