package jlab.engine.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;


/**
 * Makes a layer: writes a directory as a tar, the way {@code docker commit} and each RUN of
 * {@code docker build} do with a container's upper directory. Overlayfs's whiteouts become the
 * OCI spelling (see {@link Whiteouts}): a 0/0 character device NAME becomes an empty {@code .wh.NAME},
 * an opaque directory gets a {@code .wh..wh..opq} inside.
 *
 * <p>The tar is reproducible: entries in name order, owners as numbers only, times in whole seconds;
 * with a fixed time, the same tree always gives the same bytes, and so the same digest.
 */
final class LayerWriter {
    private final Path root;
    private final FileTime fixedTime;
    private final java.util.Set<String> skipped;
    private TarEntries tar;

    /**
     * {@code fixedTime}: the time every entry gets, or null to keep each file's own; {@code skipped}:
     * paths relative to the root left out, with everything under them.
     */
    LayerWriter(Path root, FileTime fixedTime, java.util.Set<String> skipped) {
        this.root = root;
        this.fixedTime = fixedTime;
        this.skipped = skipped;
    }

    /** Writes the whole tree under the root (not the root itself) to {@code out}. */
    void writeTo(OutputStream out) throws IOException {
        tar = new TarEntries(out, fixedTime);
        walk(root);
        tar.finish();
    }

    private void walk(Path dir) throws IOException {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = new ArrayList<>(s.sorted().toList());
        }
        for (Path p : children) {
            String name = root.relativize(p).toString();
            if (skipped.contains(name)) continue;
            Map<String, Object> a = TarEntries.attributes(p);
            if (TarEntries.type(a) == TarEntries.S_IFCHR && (Long) a.get("rdev") == 0) {
                // overlayfs's whiteout: NAME was deleted. The tar says it with an empty .wh.NAME.
                Path parent = Path.of(name).getParent();
                String wh = Whiteouts.PREFIX + p.getFileName();
                tar.marker(parent == null ? wh : parent + "/" + wh, a);
                continue;
            }
            tar.put(name, p, a);
            if (TarEntries.type(a) == TarEntries.S_IFDIR) {
                if (Whiteouts.isOpaque(p)) tar.marker(name + "/" + Whiteouts.OPAQUE_MARKER, a);
                walk(p);
            }
        }
    }
}
