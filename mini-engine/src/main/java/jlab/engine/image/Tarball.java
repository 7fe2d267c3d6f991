package jlab.engine.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

import jlab.engine.EngineException;

/**
 * A tarball handed to {@code jlab load}, read by name: its entries are listed once, then the loader asks
 * for {@code index.json}, {@code blobs/sha256/HEX} or {@code ID/layer.tar} in whatever order the
 * manifests name them (the tar's own order is the writer's choice).
 *
 * <p>Nothing is ever extracted by the names the tarball chose: an entry is only a source of bytes that
 * the loader copies into the blob store under their digest. So a name like {@code ../../etc/passwd}
 * simply names nothing the loader asks for. A symlink entry (older {@code docker save} and
 * {@code podman save} link repeated layers, {@code ID/layer.tar -> ../OTHER.tar}) is followed inside
 * the tarball only, a few hops at most. What an entry may hold is bounded: JSON at most
 * {@link #MAX_JSON} bytes, a blob exactly the size its descriptor claims.
 */
final class Tarball implements AutoCloseable {
    /** Index, manifest, config: small JSON. A bigger one is not an image's. */
    static final int MAX_JSON = 8 << 20;
    private static final int MAX_LINKS = 8;

    private final TarFile tar;
    private final String what;
    private final Map<String, TarArchiveEntry> entries = new HashMap<>();

    private Tarball(TarFile tar, String what) {
        this.tar = tar;
        this.what = what;
        for (TarArchiveEntry e : tar.getEntries()) {
            String name = normalize("", e.getName());
            if (name != null) entries.put(name, e);
        }
    }

    /** Lists {@code file}'s entries; a file that is not a tar, or is cut short in its headers, is refused. */
    static Tarball open(Path file, String what) {
        try {
            // A tar is made of 512-byte blocks: a file of another length was cut short (or is no tar).
            if (java.nio.file.Files.size(file) % 512 != 0) {
                throw new EngineException(what + " is cut short (" + java.nio.file.Files.size(file) + " bytes is not a"
                        + " whole number of tar's 512-byte blocks): the tarball is truncated", 1);
            }
            return new Tarball(new TarFile(file), what);
        } catch (EngineException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new EngineException(what + " is not a readable tar archive (" + e.getMessage() + "): is it truncated?", 1);
        }
    }

    String what() { return what; }

    boolean has(String name) { return find(name).isPresent(); }

    /** The regular file {@code name} (symlinks followed inside the tarball), if there is one. */
    Optional<TarArchiveEntry> find(String name) {
        String at = normalize("", name);
        for (int hops = 0; at != null && hops <= MAX_LINKS; hops++) {
            TarArchiveEntry e = entries.get(at);
            if (e == null) return Optional.empty();
            if (e.isSymbolicLink()) {
                String dir = at.contains("/") ? at.substring(0, at.lastIndexOf('/')) : "";
                at = normalize(dir, e.getLinkName());
            } else if (e.isLink()) {
                at = normalize("", e.getLinkName());
            } else {
                return e.isFile() ? Optional.of(e) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    TarArchiveEntry require(String name, String why) {
        return find(name).orElseThrow(() -> new EngineException(what + ": " + why + " (" + name
                + ") is missing from the tarball: it is incomplete or was not made by an image save", 1));
    }

    /** The bytes of a small JSON entry. */
    byte[] readJson(String name, String why) {
        TarArchiveEntry e = require(name, why);
        if (e.getSize() > MAX_JSON) {
            throw new EngineException(what + ": " + name + " is " + e.getSize() + " bytes: too big for " + why, 1);
        }
        try (InputStream in = tar.getInputStream(e)) {
            byte[] bytes = in.readNBytes((int) e.getSize());
            if (bytes.length != e.getSize()) throw truncated(name);
            return bytes;
        } catch (IOException x) {
            throw new EngineException(what + ": cannot read " + name + ": " + x.getMessage(), 1);
        }
    }

    /** The content of an entry, at most its header's size. */
    InputStream open(TarArchiveEntry e) throws IOException { return tar.getInputStream(e); }

    EngineException truncated(String name) {
        return new EngineException(what + ": " + name + " is cut short: the tarball is truncated", 1);
    }

    /**
     * {@code name} relative to the tarball's root ({@code dir} for a symlink's target): no "./", no
     * trailing "/", ".." resolved; null if it climbs out of the tarball.
     */
    static String normalize(String dir, String name) {
        Deque<String> parts = new ArrayDeque<>();
        if (!name.startsWith("/")) for (String p : dir.split("/")) if (!p.isEmpty()) parts.addLast(p);
        for (String p : name.split("/")) {
            if (p.isEmpty() || p.equals(".")) continue;
            if (p.equals("..")) {
                if (parts.isEmpty()) return null;
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return String.join("/", parts);
    }

    @Override
    public void close() {
        try {
            tar.close();
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }
}
