package jlab.engine.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a container changed in its image: its overlay's upper directory, read from the host. Every
 * file it wrote is there (copied up whole on the first write), and every file it deleted is a
 * whiteout. That directory is what {@code jlab diff} lists, and what {@code jlab commit} and each
 * RUN of a build turn into a new layer.
 *
 * <p>Less what jlab itself put there to run the container — mount points the image lacked
 * (/proc, /sys, /dev, /tmp) and the empty files that /etc/hosts and /etc/resolv.conf are mounted
 * over — as Docker keeps those in an "init layer" of their own that is never committed.
 */
public final class ContainerChanges {
    /** What jlab may make in a container's upper directory when the image lacks it. */
    private static final List<String> ENGINE_MADE = List.of("proc", "sys", "dev", "tmp", "etc/hosts", "etc/resolv.conf",
            "etc/hostname");

    /** One line of {@code jlab diff}: A added, C changed, D deleted. */
    public record Change(char kind, String path) {
        @Override
        public String toString() { return kind + " " + path; }
    }

    private final Path upper;
    private final Image image;
    private final Set<String> skipped;

    public ContainerChanges(Path upper, Image image) {
        this.upper = upper;
        this.image = image;
        this.skipped = engineMade();
    }

    /** The paths (relative to the root) that jlab made, not the container: they are left out. */
    public Set<String> skipped() { return skipped; }

    private Set<String> engineMade() {
        Set<String> out = new HashSet<>();
        for (String p : ENGINE_MADE) {
            Path f = upper.resolve(p);
            if (image.file(p).isPresent() || !Files.exists(f, LinkOption.NOFOLLOW_LINKS)) continue;
            if (isEmpty(f)) out.add(p);
        }
        // /etc itself, when it is there only to hold the hosts files' placeholders: jlab made it (the
        // image has none), or overlayfs copied the image's up to create them in it (same owner and mode).
        Path etc = upper.resolve("etc");
        if (Files.isDirectory(etc, LinkOption.NOFOLLOW_LINKS) && holdsOnly(etc, out)) {
            Optional<Path> imageEtc = image.file("etc");
            if (imageEtc.isEmpty() || sameOwnerAndMode(etc, imageEtc.get())) out.add("etc");
        }
        return out;
    }

    private static boolean holdsOnly(Path dir, Set<String> skipped) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.allMatch(c -> skipped.contains("etc/" + c.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean sameOwnerAndMode(Path a, Path b) {
        try {
            String attrs = "unix:uid,gid,mode";
            return Files.readAttributes(a, attrs, LinkOption.NOFOLLOW_LINKS)
                    .equals(Files.readAttributes(b, attrs, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isEmpty(Path f) {
        try {
            if (Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> s = Files.list(f)) {
                    return s.findAny().isEmpty();
                }
            }
            return Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && Files.size(f) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code jlab diff}: every change, parents before children, in name order, as Docker prints them. */
    public List<Change> list() {
        List<Change> out = new ArrayList<>();
        if (Files.isDirectory(upper)) walk(upper, out);
        return out;
    }

    private void walk(Path dir, List<Change> out) {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        for (Path p : children) {
            String rel = upper.relativize(p).toString();
            if (skipped.contains(rel)) continue;
            if (Whiteouts.isWhiteout(p)) {
                out.add(new Change('D', "/" + rel));
                continue;
            }
            boolean directory = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
            out.add(new Change(kind(rel, directory && Whiteouts.isOpaque(p)), "/" + rel));
            if (directory) walk(p, out);
        }
    }

    /**
     * A: the image has no {@code rel}. C: it has, and the container changed it. D: a directory the
     * container deleted and made again ({@code rm -rf d; mkdir d}): overlayfs marks the new one opaque,
     * and Docker prints it as deleted, then what is in it (A, or C for a name the image had there).
     */
    private char kind(String rel, boolean opaque) {
        if (image.file(rel).isEmpty()) return 'A';
        return opaque ? 'D' : 'C';
    }

    /** {@code jlab commit} and a build's RUN: the changes as a layer blob, with whiteouts in OCI's spelling. */
    public Descriptor writeLayer(ImageStore store, Leases.Lease lease) {
        return store.writeLayer(upper, null, skipped, lease);
    }
}
