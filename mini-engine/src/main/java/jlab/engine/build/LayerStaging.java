package jlab.engine.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jlab.engine.image.Image;
import jlab.engine.state.ContainerStore;

/**
 * The new layer of a COPY, ADD or WORKDIR, laid out in a scratch directory as it will be in the
 * image, then written as a tar. Only what the step adds is there, with the directories that lead to
 * it: those the image already has get the image's own mode, owner and time (so the layer changes
 * nothing of them), the missing ones are made 0755, owned as the step says.
 */
final class LayerStaging {
    /** Who owns what a step makes: root unless --chown; the mode of the source unless --chmod. */
    record Owner(int uid, int gid, Integer chmod) {
        static final Owner ROOT = new Owner(0, 0, null);
    }

    private final Path root;
    private final Image base;
    private final List<Path> directories = new ArrayList<>();
    private final List<FileTime> directoryTimes = new ArrayList<>();

    /** {@code base}: the image the layer goes on (null after FROM scratch). */
    LayerStaging(Path root, Image base) {
        this.root = root;
        this.base = base;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root + ": " + e.getMessage(), e);
        }
    }

    Path root() { return root; }

    /** Is {@code relative} (resolved) a directory, in the image or already in this layer? */
    boolean isDirectory(String relative) {
        return Files.isDirectory(at(relative), LinkOption.NOFOLLOW_LINKS) || ImagePaths.isDirectory(base, relative);
    }

    private Path at(String relative) { return relative.isEmpty() ? root : root.resolve(relative); }

    /** Makes the directory {@code relative} (resolved in the image) and those above it. */
    Path directory(String relative, Owner owner) {
        Path at = root;
        String done = "";
        for (String part : ImagePaths.parts(relative)) {
            done = done.isEmpty() ? part : done + "/" + part;
            at = at.resolve(part);
            if (Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) continue;
            try {
                Files.deleteIfExists(at);
                Files.createDirectory(at);
                Optional<Path> existing = ImagePaths.file(base, done);
                if (existing.isPresent() && Files.isDirectory(existing.get(), LinkOption.NOFOLLOW_LINKS)) {
                    FileEntry e = FileEntry.of(done, existing.get());
                    attributes(at, e.uid(), e.gid(), e.permissions(), e.mtime());
                } else {
                    attributes(at, owner.uid(), owner.gid(), owner.chmod() != null ? owner.chmod() : 0755, null);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + at + ": " + e.getMessage(), e);
            }
        }
        return at;
    }

    /**
     * Copies {@code entries} (a source's walk) to {@code target}: the source itself there, what is under
     * it below. A directory source gives its contents to {@code target}, made a directory.
     */
    void copy(List<FileEntry> entries, String target, Owner owner) {
        for (FileEntry e : entries) {
            String dest = e.relative().isEmpty() ? target : target.isEmpty() ? e.relative() : target + "/" + e.relative();
            try {
                if (e.directory()) {
                    if (e.relative().isEmpty()) {
                        directory(dest, owner);
                    } else {
                        Path d = at(dest);
                        if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
                            replace(d);
                            Files.createDirectory(d);
                        }
                        attributes(d, owner.uid(), owner.gid(), owner.chmod() != null ? owner.chmod() : e.permissions(), null);
                        directories.add(d);
                        directoryTimes.add(e.mtime());
                    }
                    continue;
                }
                int slash = dest.lastIndexOf('/');
                Path parent = slash > 0 ? directory(dest.substring(0, slash), owner) : root;
                Path d = parent.resolve(dest.substring(dest.lastIndexOf('/') + 1));
                replace(d);
                if (e.symlink()) {
                    Files.createSymbolicLink(d, Path.of(e.linkTarget()));
                    Files.setAttribute(d, "unix:uid", owner.uid(), LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(d, "unix:gid", owner.gid(), LinkOption.NOFOLLOW_LINKS);
                } else {
                    Files.copy(e.path(), d, StandardCopyOption.COPY_ATTRIBUTES);
                    attributes(d, owner.uid(), owner.gid(), owner.chmod() != null ? owner.chmod() : e.permissions(), e.mtime());
                }
            } catch (IOException x) {
                throw new UncheckedIOException("cannot copy " + e.path() + " to " + at(dest) + ": " + x.getMessage(), x);
            }
        }
    }

    /** The copied directories get their sources' times last: writing their entries changed them. */
    void finish() {
        try {
            for (int i = directories.size() - 1; i >= 0; i--) Files.setLastModifiedTime(directories.get(i), directoryTimes.get(i));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Owner first: chown(2) clears the setuid and setgid bits, so the mode comes after it. */
    static void attributes(Path p, int uid, int gid, int permissions, FileTime mtime) throws IOException {
        Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:mode", permissions);
        if (mtime != null) Files.setLastModifiedTime(p, mtime);
    }

    private static void replace(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) ContainerStore.deleteTree(p);
        else Files.deleteIfExists(p);
    }
}
