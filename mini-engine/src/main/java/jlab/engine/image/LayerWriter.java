package jlab.engine.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import jlab.kernel.syscall.Syscalls;

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
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFIFO = 0010000;

    private final Path root;
    private final FileTime fixedTime;
    private final Map<String, String> hardLinks = new HashMap<>();
    private TarArchiveOutputStream tar;

    private final java.util.Set<String> skipped;

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
        tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
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
            Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid,rdev,ino,dev,nlink,lastModifiedTime",
                    LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            switch (mode & S_IFMT) {
                case S_IFDIR -> {
                    put(entry(name + "/", TarConstants.LF_DIR, a), null);
                    if (opaque(p)) put(marker(name + "/" + Whiteouts.OPAQUE_MARKER, a), null);
                    walk(p);
                }
                case S_IFREG -> regular(p, name, a);
                case S_IFLNK -> {
                    TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK, a);
                    e.setLinkName(Files.readSymbolicLink(p).toString());
                    put(e, null);
                }
                case S_IFCHR, S_IFBLK -> device(p, name, mode, a);
                case S_IFIFO -> put(entry(name, TarConstants.LF_FIFO, a), null);
                default -> { /* a socket: a live thing, not content; tar skips it too */ }
            }
        }
    }

    private void regular(Path p, String name, Map<String, Object> a) throws IOException {
        if ((Integer) a.get("nlink") > 1) {
            // Two names of one file: the first is stored, the others are links to it.
            String key = a.get("dev") + ":" + a.get("ino");
            String first = hardLinks.putIfAbsent(key, name);
            if (first != null) {
                TarArchiveEntry e = entry(name, TarConstants.LF_LINK, a);
                e.setLinkName(first);
                put(e, null);
                return;
            }
        }
        TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, a);
        e.setSize(Files.size(p));
        put(e, p);
    }

    private void device(Path p, String name, int mode, Map<String, Object> a) throws IOException {
        long rdev = (Long) a.get("rdev");
        if ((mode & S_IFMT) == S_IFCHR && rdev == 0) {
            // overlayfs's whiteout: NAME was deleted. The tar says it with an empty .wh.NAME.
            Path parent = Path.of(name).getParent();
            String wh = Whiteouts.PREFIX + p.getFileName();
            put(marker(parent == null ? wh : parent + "/" + wh, a), null);
            return;
        }
        TarArchiveEntry e = entry(name, (mode & S_IFMT) == S_IFCHR ? TarConstants.LF_CHR : TarConstants.LF_BLK, a);
        e.setDevMajor((int) Syscalls.major(rdev));
        e.setDevMinor((int) Syscalls.minor(rdev));
        put(e, null);
    }

    private boolean opaque(Path dir) {
        byte[] v = Syscalls.get().lgetxattr(dir.toString(), Whiteouts.OPAQUE_XATTR);
        return v != null && v.length == 1 && v[0] == 'y';
    }

    private TarArchiveEntry entry(String name, byte type, Map<String, Object> a) {
        TarArchiveEntry e = new TarArchiveEntry(name, type);
        e.setMode((Integer) a.get("mode") & 07777);
        e.setUserId(((Integer) a.get("uid")).longValue());
        e.setGroupId(((Integer) a.get("gid")).longValue());
        e.setUserName("");
        e.setGroupName("");
        FileTime t = fixedTime != null ? fixedTime : (FileTime) a.get("lastModifiedTime");
        e.setModTime(FileTime.fromMillis(t.toMillis() / 1000 * 1000));
        return e;
    }

    /** An empty file that marks a deletion: mode 0, root's. */
    private TarArchiveEntry marker(String name, Map<String, Object> a) {
        TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, a);
        e.setMode(0);
        e.setUserId(0L);
        e.setGroupId(0L);
        e.setSize(0);
        return e;
    }

    private void put(TarArchiveEntry e, Path content) throws IOException {
        tar.putArchiveEntry(e);
        if (content != null) Files.copy(content, tar);
        tar.closeArchiveEntry();
    }
}
