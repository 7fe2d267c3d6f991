package jlab.engine.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import jlab.kernel.syscall.Syscalls;

/**
 * Writes files of the host as tar entries, as they are on disk: a directory, a regular file with its
 * bytes, a symlink with its target, a device with its numbers, a FIFO; owners as numbers only (no
 * names: a layer is read on machines with other /etc/passwd files), mode, time in whole seconds. A
 * file with several names is stored once and its other names are hard links to the first, as tar does.
 * {@link LayerWriter} (a layer) and {@link RootfsExport} (a container's whole root) write through it.
 */
final class TarEntries {
    static final int S_IFMT = 0170000;
    static final int S_IFDIR = 0040000;
    static final int S_IFREG = 0100000;
    static final int S_IFLNK = 0120000;
    static final int S_IFCHR = 0020000;
    static final int S_IFBLK = 0060000;
    static final int S_IFIFO = 0010000;

    private static final String ATTRIBUTES = "unix:mode,uid,gid,rdev,ino,dev,nlink,lastModifiedTime";

    private final TarArchiveOutputStream tar;
    private final FileTime fixedTime;
    private final Map<String, String> hardLinks = new HashMap<>();

    /** {@code fixedTime}: the time every entry gets, or null to keep each file's own. */
    TarEntries(OutputStream out, FileTime fixedTime) {
        this.tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        this.fixedTime = fixedTime;
    }

    static Map<String, Object> attributes(Path p) throws IOException {
        return Files.readAttributes(p, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    }

    static int type(Map<String, Object> a) { return (Integer) a.get("mode") & S_IFMT; }

    /** Writes {@code p} as the entry {@code name} (a directory's name without its "/"); a socket is skipped, as tar does. */
    void put(String name, Path p, Map<String, Object> a) throws IOException {
        int mode = (Integer) a.get("mode");
        switch (mode & S_IFMT) {
            case S_IFDIR -> write(entry(name + "/", TarConstants.LF_DIR, a), null);
            case S_IFREG -> regular(p, name, a);
            case S_IFLNK -> {
                TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK, a);
                e.setLinkName(Files.readSymbolicLink(p).toString());
                write(e, null);
            }
            case S_IFCHR, S_IFBLK -> {
                long rdev = (Long) a.get("rdev");
                TarArchiveEntry e = entry(name, (mode & S_IFMT) == S_IFCHR ? TarConstants.LF_CHR : TarConstants.LF_BLK, a);
                e.setDevMajor((int) Syscalls.major(rdev));
                e.setDevMinor((int) Syscalls.minor(rdev));
                write(e, null);
            }
            case S_IFIFO -> write(entry(name, TarConstants.LF_FIFO, a), null);
            default -> { /* a socket: a live thing, not content */ }
        }
    }

    /** An empty file that marks a deletion ({@code .wh.NAME}, {@code .wh..wh..opq}): mode 0, root's. */
    void marker(String name, Map<String, Object> a) throws IOException {
        TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, a);
        e.setMode(0);
        e.setUserId(0L);
        e.setGroupId(0L);
        e.setSize(0);
        write(e, null);
    }

    /** Writes the tar's end (two zero blocks); the stream underneath stays open. */
    void finish() throws IOException { tar.finish(); }

    private void regular(Path p, String name, Map<String, Object> a) throws IOException {
        if ((Integer) a.get("nlink") > 1) {
            // Two names of one file: the first is stored, the others are links to it.
            String key = a.get("dev") + ":" + a.get("ino");
            String first = hardLinks.putIfAbsent(key, name);
            if (first != null) {
                TarArchiveEntry e = entry(name, TarConstants.LF_LINK, a);
                e.setLinkName(first);
                write(e, null);
                return;
            }
        }
        TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, a);
        e.setSize(Files.size(p));
        write(e, p);
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

    private void write(TarArchiveEntry e, Path content) throws IOException {
        tar.putArchiveEntry(e);
        if (content != null) Files.copy(content, tar);
        tar.closeArchiveEntry();
    }
}
