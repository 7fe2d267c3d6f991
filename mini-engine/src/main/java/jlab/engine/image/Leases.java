package jlab.engine.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Blobs that a jlab is writing but has not yet listed in the index: a build's new layers, a
 * tarball being loaded. Without a lease, an {@code image prune} running at that moment in another
 * terminal would find them unreferenced and delete them. containerd calls the same idea a "lease".
 *
 * <p>A lease is a file {@code images/leases/PID-N} holding one digest per line; it ends when the
 * image is in the index (or the work failed). The lease of a jlab that died is ignored, and swept.
 */
public final class Leases {
    private final Path dir;

    Leases(Path imagesDir) { this.dir = imagesDir.resolve("leases"); }

    /** One jlab's lease: close it once the images it protects are indexed. */
    public final class Lease implements AutoCloseable {
        private final Path file;

        private Lease(Path file) { this.file = file; }

        public void add(Digest d) {
            try {
                Files.writeString(file, d.hex() + "\n", StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public Lease open() {
        try {
            Files.createDirectories(dir);
            return new Lease(Files.createTempFile(dir, ProcessHandle.current().pid() + "-", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every digest that a living jlab holds; the leases of dead ones are deleted. */
    Set<String> held() {
        Set<String> out = new HashSet<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.toList()) {
                String name = f.getFileName().toString();
                long pid = Long.parseLong(name.substring(0, Math.max(name.indexOf('-'), 1)).replaceAll("\\D", "0"));
                if (ProcessHandle.of(pid).isPresent()) {
                    try {
                        out.addAll(List.of(Files.readString(f).split("\n")));
                    } catch (IOException gone) {
                        // ended while we looked
                    }
                } else {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.remove("");
        return out;
    }
}
