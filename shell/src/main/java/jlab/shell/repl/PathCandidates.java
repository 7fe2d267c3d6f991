package jlab.shell.repl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jline.reader.Candidate;

/**
 * File names for a path being typed ({@code /srv/si} → {@code /srv/site/}):
 * the entries of the directory before the last '/', relative to the current
 * directory when the path is relative. A directory ends with '/' and leaves
 * the word open, so Tab can go on into it.
 */
final class PathCandidates {
    private PathCandidates() {}

    static void add(String typed, List<Candidate> into) {
        int slash = typed.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : typed.substring(0, slash + 1);
        Path dir = Path.of(dirPart.isEmpty() ? "." : dirPart);
        if (!Files.isDirectory(dir)) return;
        String prefix = typed.substring(slash + 1);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (!name.startsWith(prefix) || (name.startsWith(".") && !prefix.startsWith("."))) continue;
                boolean isDir = Files.isDirectory(e);
                into.add(new Candidate(dirPart + name + (isDir ? "/" : ""), name + (isDir ? "/" : ""), null, null, null,
                        null, !isDir));
            }
        } catch (IOException e) {
            // unreadable directory: nothing to offer
        }
    }
}
