package jlab.engine.build;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

import jlab.engine.state.ContainerStore;
import jlab.kernel.syscall.Syscalls;

/**
 * ADD's one trick that COPY lacks: a local tar archive (plain, gzip or bzip2, told by its first
 * bytes, not its name) is unpacked at the destination instead of copied. Its owners, modes and
 * times are kept (--chown replaces the owners).
 *
 * <p>An archive is the user's file, but its names are checked as a layer's are: no absolute path, no
 * {@code ..}, and never through a symlink the archive itself made ({@code x -> /etc} then
 * {@code x/passwd}): the files land under the destination and nowhere else.
 */
final class ArchiveExtractor {
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFIFO = 0010000;

    private ArchiveExtractor() {}

    /** Is {@code file} a tar archive ADD unpacks? Refuses xz, which jlab cannot read, in one line. */
    static boolean isArchive(Path file, Instruction in) {
        try (InputStream raw = Files.newInputStream(file)) {
            byte[] head = raw.readNBytes(6);
            if (head.length == 6 && (head[0] & 0xff) == 0xfd && head[1] == '7' && head[2] == 'z' && head[3] == 'X') {
                throw BuildException.at(in, "ADD " + file.getFileName() + ": an xz-compressed archive, which jlab cannot"
                        + " unpack: use a .tar, .tar.gz or .tar.bz2 (or COPY it and RUN tar -xJf)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try (InputStream tar = open(file)) {
            byte[] header = tar.readNBytes(512);
            return header.length == 512 && TarArchiveInputStream.matches(header, header.length);
        } catch (IOException notCompressedAsItSeemed) {
            return false;
        }
    }

    /** The archive's tar stream: itself, or what its gzip or bzip2 compression holds. */
    private static InputStream open(Path file) throws IOException {
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 65536);
        in.mark(3);
        int b0 = in.read();
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) return new GZIPInputStream(in, 65536);
        if (b0 == 'B' && b1 == 'Z' && b2 == 'h') return new BZip2CompressorInputStream(in);
        return in;
    }

    /** Unpacks the archive under {@code dest} (a directory of the staging layer). */
    static void extract(Path file, Path dest, LayerStaging.Owner chown, boolean chowned, Instruction in) {
        List<Object[]> dirTimes = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(open(file), StandardCharsets.UTF_8.name())) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = clean(e.getName(), file, in);
                if (name.isEmpty()) continue;
                Path p = dest.resolve(name);
                ensureParents(dest, p, file, in);
                int uid = chowned ? chown.uid() : (int) e.getLongUserId();
                int gid = chowned ? chown.gid() : (int) e.getLongGroupId();
                if (e.isDirectory()) {
                    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        Files.deleteIfExists(p);
                        Files.createDirectory(p);
                    }
                    LayerStaging.attributes(p, uid, gid, e.getMode() & 07777, null);
                    dirTimes.add(new Object[] {p, FileTime.fromMillis(e.getModTime().getTime())});
                    continue;
                }
                replace(p);
                if (e.isSymbolicLink()) {
                    Files.createSymbolicLink(p, Path.of(e.getLinkName()));
                    Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
                } else if (e.isLink()) {
                    Path existing = dest.resolve(clean(e.getLinkName(), file, in));
                    if (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                        throw BuildException.at(in, "ADD " + file.getFileName() + ": hard link " + name + " points to "
                                + e.getLinkName() + ", which the archive does not hold before it");
                    }
                    Files.createLink(p, existing);
                } else if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
                    int type = e.isCharacterDevice() ? S_IFCHR : e.isBlockDevice() ? S_IFBLK : S_IFIFO;
                    Syscalls.get().mknod(p.toString(), type, e.getMode() & 07777, e.getDevMajor(), e.getDevMinor());
                    LayerStaging.attributes(p, uid, gid, e.getMode() & 07777, null);
                } else if (e.isFile()) {
                    Files.copy(tar, p, StandardCopyOption.REPLACE_EXISTING);
                    LayerStaging.attributes(p, uid, gid, e.getMode() & 07777, FileTime.fromMillis(e.getModTime().getTime()));
                }
            }
            for (int i = dirTimes.size() - 1; i >= 0; i--) Files.setLastModifiedTime((Path) dirTimes.get(i)[0], (FileTime) dirTimes.get(i)[1]);
        } catch (IOException e) {
            throw BuildException.at(in, "ADD " + file.getFileName() + ": cannot unpack the archive: " + e.getMessage());
        }
    }

    private static String clean(String name, Path file, Instruction in) {
        String n = jlab.engine.image.TarNames.relative(name);
        if (n == null) {
            throw BuildException.at(in, "ADD " + file.getFileName() + ": the archive's entry \"" + name
                    + "\" climbs out of the destination with '..': refused");
        }
        return n;
    }

    private static void ensureParents(Path dest, Path p, Path file, Instruction in) throws IOException {
        Path at = dest;
        for (Path part : dest.relativize(p.getParent())) {
            if (part.toString().isEmpty()) continue;
            at = at.resolve(part);
            if (Files.isSymbolicLink(at)) {
                throw BuildException.at(in, "ADD " + file.getFileName() + ": the entry " + dest.relativize(p)
                        + " goes through the symlink " + dest.relativize(at) + ": refused (it could write outside the image)");
            }
            if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) Files.createDirectory(at);
        }
    }

    private static void replace(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) ContainerStore.deleteTree(p);
        else Files.deleteIfExists(p);
    }
}
