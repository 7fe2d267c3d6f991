package jlab.engine.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * A file that COPY or ADD is about to copy, as {@code lstat(2)} sees it.
 *
 * @param relative its path under the source being copied ("" for the source itself)
 * @param path     where it is on the host: in the context, or in a layer of a stage's image
 * @param mode     st_mode: its type and permission bits
 */
record FileEntry(String relative, Path path, int mode, int uid, int gid, long size, FileTime mtime) {
    static final int S_IFMT = 0170000;
    static final int S_IFDIR = 0040000;
    static final int S_IFREG = 0100000;
    static final int S_IFLNK = 0120000;

    static FileEntry of(String relative, Path path) {
        try {
            Map<String, Object> a = Files.readAttributes(path, "unix:mode,uid,gid,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
            return new FileEntry(relative, path, (Integer) a.get("mode"), (Integer) a.get("uid"), (Integer) a.get("gid"),
                    (Long) a.get("size"), (FileTime) a.get("lastModifiedTime"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    boolean directory() { return (mode & S_IFMT) == S_IFDIR; }

    boolean regular() { return (mode & S_IFMT) == S_IFREG; }

    boolean symlink() { return (mode & S_IFMT) == S_IFLNK; }

    int permissions() { return mode & 07777; }

    /** Where a symlink points, as written in it. */
    String linkTarget() {
        try {
            return Files.readSymbolicLink(path).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the symlink " + path + ": " + e.getMessage(), e);
        }
    }
}
