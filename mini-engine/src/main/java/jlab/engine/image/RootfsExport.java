package jlab.engine.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code jlab export}: a container's root filesystem as one flat tar — what {@code ls -R /} shows
 * inside it, with no layer and no whiteout left.
 *
 * <p>It is read from the host, not through a mount: the container's upper directory and its image's
 * layers are merged here as overlayfs merges them on every lookup. For each name, the highest
 * directory that has it wins; a whiteout (a 0/0 character device) there means "deleted" and the
 * name is left out; a directory merges with the same directory in the layers below, down to the first
 * layer where the name is not a directory, or where it is "opaque" (xattr {@code trusted.overlay.opaque}:
 * the container removed it and made it again, so nothing below shows through). So the same code
 * exports a stopped container (its upper directory is kept until {@code rm}) and a running one, and
 * needs no mount, whose cleanup a crash could leave to {@code gc}. (Mounting the overlay read-only in a
 * private mount namespace would give the kernel's own answer, but a JVM cannot enter a new mount
 * namespace — it has many threads — so the helper would have to stream the tar; the merge is 40 lines.)
 * This matches jlab's overlay mounts, which use neither {@code redirect_dir} nor {@code metacopy}.
 */
public final class RootfsExport {
    private final TarEntries tar;

    private RootfsExport(OutputStream out) { this.tar = new TarEntries(out, null); }

    /** Writes the merged tree of {@code upper} (may be null or absent: nothing changed) over {@code image}'s layers. */
    public static void write(Image image, Path upper, OutputStream out) throws IOException {
        List<Path> topFirst = new ArrayList<>();
        if (upper != null && Files.isDirectory(upper)) topFirst.add(upper);
        for (int i = image.layers().size() - 1; i >= 0; i--) topFirst.add(image.layers().get(i));
        RootfsExport export = new RootfsExport(out);
        export.walk("", topFirst);
        export.tar.finish();
        out.flush();
    }

    /** {@code dirs}: the copies of one directory that merge, the highest first. */
    private void walk(String rel, List<Path> dirs) throws IOException {
        Map<String, List<Path>> copies = new TreeMap<>();
        for (Path d : dirs) {
            try (Stream<Path> s = Files.list(d)) {
                s.forEach(p -> copies.computeIfAbsent(p.getFileName().toString(), k -> new ArrayList<>()).add(p));
            } catch (NoSuchFileException gone) {
                // a directory the running container removed while we read
            }
        }
        for (Map.Entry<String, List<Path>> e : copies.entrySet()) {
            String name = rel.isEmpty() ? e.getKey() : rel + "/" + e.getKey();
            Path top = e.getValue().get(0);
            Map<String, Object> a;
            try {
                a = TarEntries.attributes(top);
            } catch (NoSuchFileException gone) {
                continue;
            }
            if (Whiteouts.isWhiteout(top)) continue; // deleted by a higher layer or by the container
            tar.put(name, top, a);
            if (TarEntries.type(a) == TarEntries.S_IFDIR) walk(name, mergedWith(top, e.getValue()));
        }
    }

    /** The copies of a directory that show through: {@code top}, then those below it until a non-directory or an opaque one. */
    private static List<Path> mergedWith(Path top, List<Path> copies) {
        List<Path> merged = new ArrayList<>(List.of(top));
        if (Whiteouts.isOpaque(top)) return merged;
        for (Path c : copies.subList(1, copies.size())) {
            if (!Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS)) break; // a file or a whiteout hides what is below
            merged.add(c);
            if (Whiteouts.isOpaque(c)) break;
        }
        return merged;
    }
}
