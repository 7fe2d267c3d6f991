package jlab.engine.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import jlab.engine.image.Image;

/**
 * Paths inside an image, resolved as the kernel would resolve them in a container of it: one
 * component at a time, a symlink's target read from the layer that has it, an absolute target
 * starting again from the image's root, {@code ..} stopping at that root. So {@code COPY x /bin/}
 * into an image whose {@code /bin} is a link to {@code usr/bin} writes {@code /usr/bin/x}, and a
 * link to {@code /etc} in an image never leads to the host's /etc.
 */
final class ImagePaths {
    private static final int MAX_LINKS = 40; // the kernel's limit (ELOOP)

    private ImagePaths() {}

    /** {@code path} with every symlink resolved (the last one too), without a leading "/": "" is the root. */
    static String resolve(Image image, String path) {
        Deque<String> todo = new ArrayDeque<>(parts(path));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.removeFirst();
            if (part.equals("..")) {
                if (!done.isEmpty()) done.remove(done.size() - 1);
                continue;
            }
            done.add(part);
            if (image == null) continue;
            Optional<Path> found = image.file(String.join("/", done));
            if (found.isEmpty() || !Files.isSymbolicLink(found.get())) continue;
            if (++links > MAX_LINKS) return String.join("/", done); // a loop: leave it as it is
            String target = readLink(found.get());
            done.remove(done.size() - 1);
            if (target.startsWith("/")) done.clear();
            List<String> t = parts(target);
            for (int i = t.size() - 1; i >= 0; i--) todo.addFirst(t.get(i));
        }
        return String.join("/", done);
    }

    /** The file at the resolved {@code relative}, as the image's top-most layer has it. */
    static Optional<Path> file(Image image, String relative) {
        return image == null ? Optional.empty() : image.file(relative);
    }

    static boolean isDirectory(Image image, String relative) {
        return file(image, relative).map(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).orElse(false);
    }

    /** The components of a path, without "" and ".". */
    static List<String> parts(String path) {
        List<String> out = new ArrayList<>();
        for (String p : path.split("/")) if (!p.isEmpty() && !p.equals(".")) out.add(p);
        return out;
    }

    /** An absolute path with "." and ".." resolved (Go's path.Clean). */
    static String clean(String path) {
        List<String> out = new ArrayList<>();
        for (String p : parts(path)) {
            if (p.equals("..")) {
                if (!out.isEmpty()) out.remove(out.size() - 1);
            } else {
                out.add(p);
            }
        }
        return "/" + String.join("/", out);
    }

    private static String readLink(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the symlink " + p + ": " + e.getMessage(), e);
        }
    }
}
