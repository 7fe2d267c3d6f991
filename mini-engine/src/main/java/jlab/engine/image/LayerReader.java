package jlab.engine.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import jlab.engine.EngineException;
import jlab.kernel.syscall.Syscalls;

/**
 * Unpacks a layer's tar into a directory that overlayfs can stack: the OCI whiteouts become
 * overlayfs's (see {@link Whiteouts}), owners, modes and times are kept.
 *
 * <p>A layer comes from outside (a tarball someone handed in), so every name is checked: no absolute
 * path, no {@code ..}, and never through a symlink the layer made — a layer holding {@code etc -> /etc}
 * and then {@code etc/passwd} must not write the host's password file. That is the classic "tar slip".
 */
final class LayerReader {
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFIFO = 0010000;

    private final Path root;
    private final String what;
    /** Directories' times are set last: writing their entries would change them again. */
    private final List<TarArchiveEntry> directories = new ArrayList<>();

    /** {@code what} names the layer in errors ("layer sha256:3f2a... of web.tar"). */
    LayerReader(Path root, String what) {
        this.root = root;
        this.what = what;
    }

    /** A layer blob's tar: itself, or what its gzip compression holds (told by gzip's magic bytes 1f 8b). */
    static InputStream uncompressed(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 65536);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(buffered, 65536) : buffered;
    }

    /** Unpacks {@code tarStream} (uncompressed) into the root, which must exist. */
    void unpack(InputStream tarStream) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(tarStream, StandardCharsets.UTF_8.name());
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            entry(e, tar);
        }
        for (int i = directories.size() - 1; i >= 0; i--) {
            TarArchiveEntry d = directories.get(i);
            Path p = target(d.getName());
            Files.setLastModifiedTime(p, FileTime.fromMillis(d.getModTime().getTime()));
        }
    }

    private void entry(TarArchiveEntry e, InputStream content) throws IOException {
        String name = clean(e.getName());
        if (name.isEmpty()) return; // "./": the root itself
        Path p = target(name);
        String base = p.getFileName().toString();
        ensureParent(p);
        if (base.equals(Whiteouts.OPAQUE_MARKER)) {
            Syscalls.get().lsetxattr(p.getParent().toString(), Whiteouts.OPAQUE_XATTR, new byte[] {'y'});
            return;
        }
        if (base.startsWith(Whiteouts.PREFIX)) {
            Path deleted = p.resolveSibling(base.substring(Whiteouts.PREFIX.length()));
            replace(deleted);
            Syscalls.get().mknod(deleted.toString(), S_IFCHR, 0, 0, 0);
            return;
        }
        if (e.isDirectory()) {
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                replace(p);
                Files.createDirectory(p);
            }
            owner(p, e);
            mode(p, e);
            directories.add(e);
            return;
        }
        replace(p);
        if (e.isSymbolicLink()) {
            Files.createSymbolicLink(p, Path.of(e.getLinkName()));
            owner(p, e);
        } else if (e.isLink()) {
            Path existing = target(clean(e.getLinkName()));
            if (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                throw new EngineException(what + ": hard link " + name + " points to " + e.getLinkName()
                        + ", which the layer does not hold before it");
            }
            Files.createLink(p, existing);
        } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
            int type = e.isCharacterDevice() ? S_IFCHR : e.isBlockDevice() ? S_IFBLK : S_IFIFO;
            Syscalls.get().mknod(p.toString(), type, e.getMode() & 07777, e.getDevMajor(), e.getDevMinor());
            owner(p, e);
            mode(p, e);
        } else if (e.isFile()) {
            Files.copy(content, p, StandardCopyOption.REPLACE_EXISTING);
            owner(p, e);
            mode(p, e);
            Files.setLastModifiedTime(p, FileTime.fromMillis(e.getModTime().getTime()));
        }
        // Other kinds (GNU sparse, volume labels) carry no file of a root filesystem.
    }

    /** The entry's name, relative, without "./" or a trailing "/"; refused if it climbs out. */
    private String clean(String name) {
        String n = TarNames.relative(name);
        if (n == null) throw new EngineException(what + ": entry \"" + name + "\" climbs out of the layer with '..': refused");
        return n;
    }

    private Path target(String clean) { return clean.isEmpty() ? root : root.resolve(clean); }

    /** Makes the parent directories, refusing to go through a symlink. */
    private void ensureParent(Path p) throws IOException {
        Path rel = root.relativize(p.getParent() == null ? root : p.getParent());
        Path at = root;
        for (Path part : rel) {
            if (part.toString().isEmpty()) continue;
            at = at.resolve(part);
            if (Files.isSymbolicLink(at)) {
                throw new EngineException(what + ": entry " + root.relativize(p) + " goes through the symlink "
                        + root.relativize(at) + ": refused (it could write outside the layer)");
            }
            if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) Files.createDirectory(at);
        }
    }

    /** Removes what is at {@code p} (a file, a link, a whole directory) so that an entry can take its place. */
    private static void replace(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            jlab.engine.state.ContainerStore.deleteTree(p);
        } else {
            Files.deleteIfExists(p);
        }
    }

    private static void owner(Path p, TarArchiveEntry e) throws IOException {
        Files.setAttribute(p, "unix:uid", (int) e.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(p, "unix:gid", (int) e.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
    }

    /** After the owner: changing a file's owner clears its setuid and setgid bits. */
    private static void mode(Path p, TarArchiveEntry e) throws IOException {
        Files.setAttribute(p, "unix:mode", e.getMode() & 07777);
    }
}
