package jlab.engine.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A directory of claims, one file each (an address, a port), created atomically
 * so that two jlab processes can never take the same one: the owner is written
 * to a private temporary file first, which is then hard-linked under the claim's
 * name. link(2) fails with EEXIST if the name exists, and never shows a
 * half-written file: a claim appears whole, with its owner, or not at all.
 *
 * <p>The owner is "ID STATEDIR": the container, and the engine it belongs to,
 * so that {@code jlab gc} of one state directory only ever frees its own.
 */
final class Claims {
    private final Path dir;

    Claims(Path dir) { this.dir = dir; }

    Path dir() { return dir; }

    static String owner(String id, Path stateDir) { return id + " " + stateDir; }

    /** Takes {@code name} for {@code owner}; false if someone holds it. */
    boolean claim(String name, String owner) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".claim-", ".tmp");
            try {
                Files.writeString(tmp, owner);
                Files.createLink(dir.resolve(name), tmp);
                return true;
            } catch (FileAlreadyExistsException taken) {
                return false;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a claim in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Frees {@code name} if {@code owner} holds it. */
    void release(String name, String owner) {
        if (owner.equals(holder(name))) {
            try {
                Files.deleteIfExists(dir.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    String holder(String name) {
        try {
            return Files.readString(dir.resolve(name)).trim();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every claim and its owner. */
    Map<String, String> all() {
        Map<String, String> claims = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) return claims;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.startsWith(".")) continue;
                String h = holder(name);
                if (h != null) claims.put(name, h);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return claims;
    }
}
