package jlab.engine.volume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Copies the image's files at a volume's target into the empty volume, as Docker does the first time
 * an empty volume is mounted: owners, modes and times kept, symlinks copied as links (never followed:
 * a link in the image must not pull a host file into the volume), device nodes and fifos remade.
 * The volume's own directory takes the owner and mode of the image's directory.
 */
final class TreeCopy {
    private TreeCopy() {}

    static void copy(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Path d = to.resolve(from.relativize(dir).toString());
                    if (!dir.equals(from)) Files.copy(dir, d, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file).toString()),
                            StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    return FileVisitResult.CONTINUE;
                }
            });
            // "unix:mode" keeps the setuid, setgid and sticky bits (a /tmp is 1777), which PosixFilePermission cannot say.
            for (String attr : new String[] {"unix:uid", "unix:gid", "unix:mode"}) {
                Files.setAttribute(to, attr, Files.getAttribute(from, attr, LinkOption.NOFOLLOW_LINKS));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the image's " + from + " into the volume " + to + ": " + e.getMessage(), e);
        }
    }
}
