package jlab.engine.volume;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import jlab.engine.EngineException;

/**
 * Where a mount's target really is inside the container's root, resolved the way runc's securejoin does:
 * one component at a time, each symlink read and followed <em>within the root</em>, ".." never climbing
 * above it.
 *
 * <p>Why: the kernel resolves mount(2)'s target with the caller's root. Before pivot_root that is the
 * host's "/", so an image holding {@code /data -> /../../etc} would turn {@code -v /x:/data} into a mount
 * over the <em>host's</em> /etc (in the container's mount namespace, but a mount nonetheless, and with
 * {@code :rw} a way to write the host's files from a path the image chose). Resolved here, the same link
 * leads to the container's own /etc: an absolute link restarts at the container's root, and a ".." at the
 * root stays at the root, as it would once the container runs.
 *
 * <p>The root is read through {@code /proc/PID/root}: the magic link leads into that process's mount
 * namespace, where the overlay is mounted (the host's own namespace never sees it). Nothing of the
 * container runs yet, so nothing can swap a component between this resolution and the mount.
 */
public final class TargetResolver {
    /** As the kernel's limit on symlinks followed in one lookup (40), and runc's (255): a loop ends. */
    private static final int MAX_LINKS = 255;

    private final Path root;

    /** @param root the container's root as this process can read it */
    public TargetResolver(Path root) { this.root = root; }

    /** The target as a path inside the root ({@code "/etc"}), every symlink in it resolved within the root. */
    public String resolve(String target) {
        Deque<String> todo = new ArrayDeque<>(split(target));
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.pollFirst();
            if (c.isEmpty() || c.equals(".")) continue;
            if (c.equals("..")) {
                if (!done.isEmpty()) done.remove(done.size() - 1); // at the root, ".." is the root
                continue;
            }
            Path p = at(done, c);
            if (Files.isSymbolicLink(p)) {
                if (++links > MAX_LINKS) {
                    throw new EngineException("mount target " + target + ": too many levels of symbolic links in the image");
                }
                String link = readLink(p);
                if (link.startsWith("/")) done.clear(); // an absolute link starts again at the container's root
                List<String> parts = split(link);
                for (int i = parts.size() - 1; i >= 0; i--) todo.addFirst(parts.get(i));
            } else {
                done.add(c);
            }
        }
        return "/" + String.join("/", done);
    }

    /**
     * Makes what is missing of {@code resolved} (from {@link #resolve}): directories, and as its last
     * component a directory or an empty file (a file is bind-mounted onto a file). Made through the overlay,
     * so it lands in the container's upper directory; the image stays as it was.
     */
    public void ensure(String resolved, boolean directory) {
        List<String> parts = split(resolved);
        Path p = root;
        for (int i = 0; i < parts.size(); i++) {
            p = p.resolve(parts.get(i));
            boolean last = i == parts.size() - 1;
            try {
                if (last && !directory) {
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        throw new EngineException("cannot mount a file onto " + resolved + ": it is a directory in the image");
                    }
                    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) Files.createFile(p);
                } else if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                        throw new EngineException("cannot mount a directory onto " + "/" + String.join("/", parts.subList(0, i + 1))
                                + ": it is a file in the image (mount a file onto it, or choose another target)");
                    }
                    Files.createDirectory(p);
                }
            } catch (FileAlreadyExistsException e) {
                // made between our look and our mkdir: only this engine writes here before exec, so it is ours
            } catch (IOException e) {
                throw new EngineException("cannot create the mount target " + resolved + " in the container: " + reason(e)
                        + " (a target must be a place in the image's files: not under /proc or /sys)");
            }
        }
    }

    /** The host path of {@code resolved} under the root, for reading (the image's files at a volume's target). */
    public Path hostPath(String resolved) {
        Path p = root;
        for (String c : split(resolved)) p = p.resolve(c);
        return p;
    }

    /** What the kernel said, in its words: Java's exceptions name the path, not always the reason. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or directory";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage();
    }

    private Path at(List<String> done, String c) {
        Path p = root;
        for (String d : done) p = p.resolve(d);
        return p.resolve(c);
    }

    private static String readLink(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the link " + p + ": " + e.getMessage(), e);
        }
    }

    private static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        for (String s : path.split("/")) if (!s.isEmpty()) parts.add(s);
        return parts;
    }
}
