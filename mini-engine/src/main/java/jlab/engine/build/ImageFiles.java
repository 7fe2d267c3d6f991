package jlab.engine.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jlab.engine.image.Image;
import jlab.engine.image.Whiteouts;

/**
 * {@code COPY --from=STAGE}: the files of an image as a container of it sees them, read from its
 * unpacked layers without mounting anything — the merge overlayfs would make, done by hand. A
 * directory's entries are those of every layer, the highest first; a whiteout (a 0/0 character
 * device) hides a name of the layers below, and an opaque directory hides everything below it.
 */
final class ImageFiles implements SourceFiles {
    private final Image image;
    private final String what;

    /** {@code what}: "stage builder", "image busybox" — for errors. */
    ImageFiles(Image image, String what) {
        this.image = image;
        this.what = what;
    }

    @Override
    public String describe() { return what; }

    @Override
    public List<Source> match(String given, Instruction in) {
        List<String> found = SourceFiles.hasWildcard(given) ? expand(given) : List.of(ImagePaths.resolve(image, given));
        List<Source> out = new ArrayList<>();
        for (String rel : found) {
            String resolved = ImagePaths.resolve(image, rel);
            Optional<Path> p = resolved.isEmpty() ? Optional.of(image.top()) : image.file(resolved);
            if (p.isEmpty()) continue;
            // the name kept is the one asked for (a link's), the content the target's
            String name = SourceFiles.hasWildcard(given) ? rel : String.join("/", ImagePaths.parts(given));
            out.add(new Source(name, p.get(), resolved.isEmpty() || Files.isDirectory(p.get(), LinkOption.NOFOLLOW_LINKS)));
        }
        if (out.isEmpty()) {
            throw BuildException.at(in, in.keyword() + " --from " + given + ": no such file in " + what);
        }
        return out;
    }

    private List<String> expand(String pattern) {
        List<String> at = List.of("");
        for (String part : ImagePaths.parts(pattern)) {
            List<String> next = new ArrayList<>();
            for (String dir : at) {
                Map<String, Path> children = list(ImagePaths.resolve(image, dir));
                if (!SourceFiles.hasWildcard(part)) {
                    if (children.containsKey(part)) next.add(join(dir, part));
                    continue;
                }
                Pattern p = Pattern.compile(DockerIgnore.regex(part));
                for (String name : children.keySet()) if (p.matcher(name).matches()) next.add(join(dir, name));
            }
            at = next;
        }
        return at;
    }

    @Override
    public List<FileEntry> walk(Source source) {
        List<FileEntry> out = new ArrayList<>();
        out.add(FileEntry.of("", source.path()));
        if (source.directory()) walk(ImagePaths.resolve(image, source.relative()), "", out);
        return out;
    }

    private void walk(String dir, String under, List<FileEntry> out) {
        for (Map.Entry<String, Path> c : list(dir).entrySet()) {
            String rel = join(under, c.getKey());
            FileEntry e = FileEntry.of(rel, c.getValue());
            if (!e.directory() && !e.regular() && !e.symlink()) continue;
            out.add(e);
            if (e.directory()) walk(join(dir, c.getKey()), rel, out);
        }
    }

    /** The merged directory {@code dir} (resolved, "" for the root): each name, from the highest layer that has it. */
    private Map<String, Path> list(String dir) {
        Map<String, Path> out = new TreeMap<>();
        java.util.Set<String> hidden = new java.util.HashSet<>();
        List<Path> layers = image.layers();
        for (int i = layers.size() - 1; i >= 0; i--) {
            Path d = dir.isEmpty() ? layers.get(i) : layers.get(i).resolve(dir);
            if (!Files.exists(d, LinkOption.NOFOLLOW_LINKS)) continue;
            if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) break; // a file or whiteout hides the layers below
            try (Stream<Path> s = Files.list(d)) {
                for (Path c : s.toList()) {
                    String name = c.getFileName().toString();
                    if (out.containsKey(name) || hidden.contains(name)) continue;
                    if (Whiteouts.isWhiteout(c)) hidden.add(name);
                    else out.put(name, c);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + d + ": " + e.getMessage(), e);
            }
            if (Whiteouts.isOpaque(d)) break;
        }
        return out;
    }

    private static String join(String dir, String name) { return dir.isEmpty() ? name : dir + "/" + name; }
}
