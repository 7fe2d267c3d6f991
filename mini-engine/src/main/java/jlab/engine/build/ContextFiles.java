package jlab.engine.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The build context: the one directory a build may read, less what {@code .dockerignore} leaves out.
 * Nothing outside it is ever copied: {@code COPY ../secret} is refused before anything is read, and
 * so is a source that leads outside through a symlink ({@code ln -s /etc/shadow x; COPY x /}).
 * Docker sends the context to its daemon, so it cannot read further either; jlab reads it in place
 * and keeps to the same rule.
 *
 * <p>A symlink named as a source is followed (its target is copied, under the link's name), as
 * Docker does; a symlink inside a copied directory is copied as a symlink.
 */
final class ContextFiles implements SourceFiles {
    private final Path root;
    private final DockerIgnore ignore;

    ContextFiles(Path context) {
        try {
            this.root = context.toRealPath();
        } catch (IOException e) {
            throw new BuildException("the build context " + context + " is not a directory: give the directory whose"
                    + " files COPY may read (jlab build DIR)");
        }
        if (!Files.isDirectory(root)) {
            throw new BuildException("the build context " + context + " is not a directory: give the directory whose"
                    + " files COPY may read (jlab build DIR)");
        }
        this.ignore = DockerIgnore.of(root);
    }

    Path root() { return root; }

    @Override
    public String describe() { return "the build context"; }

    @Override
    public List<Source> match(String given, Instruction in) {
        String relative = inside(given, in);
        List<String> found = SourceFiles.hasWildcard(relative) ? expand(relative) : List.of(relative);
        List<Source> out = new ArrayList<>();
        for (String rel : found) {
            if (!rel.isEmpty() && ignore.excluded(rel)) continue;
            Path real = real(rel, given, in);
            if (real == null) continue;
            out.add(new Source(rel, real, Files.isDirectory(real)));
        }
        if (out.isEmpty()) {
            throw BuildException.at(in, in.keyword() + " " + given + ": " + (SourceFiles.hasWildcard(relative)
                    ? "no file of the build context matches" : "no such file in the build context")
                    + (ignore.isEmpty() ? "" : " (or .dockerignore excludes it)") + " (" + root + ")");
        }
        return out;
    }

    /** {@code given} as a path under the root; "../x" (or "a/../../x") climbs out, and is refused. */
    private String inside(String given, Instruction in) {
        List<String> parts = new ArrayList<>();
        for (String part : given.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw BuildException.at(in, in.keyword() + " " + given + ": forbidden path outside the build context"
                            + " (" + root + "): a build reads only the files under its context");
                }
                parts.remove(parts.size() - 1);
                continue;
            }
            parts.add(part);
        }
        return String.join("/", parts);
    }

    /** The file the path leads to, symlinks followed; null when there is none; refused when it is outside. */
    private Path real(String rel, String given, Instruction in) {
        Path p = rel.isEmpty() ? root : root.resolve(rel);
        try {
            Path real = p.toRealPath();
            if (!real.startsWith(root)) {
                throw BuildException.at(in, in.keyword() + " " + given + ": leads through a symlink to " + real
                        + ", outside the build context (" + root + "): refused");
            }
            return real;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** The context's paths that a pattern with wildcards matches, one path component at a time. */
    private List<String> expand(String pattern) {
        List<String> at = List.of("");
        for (String part : pattern.split("/")) {
            List<String> next = new ArrayList<>();
            for (String dir : at) {
                Path d = dir.isEmpty() ? root : root.resolve(dir);
                if (!Files.isDirectory(d)) continue;
                if (!SourceFiles.hasWildcard(part)) {
                    String child = join(dir, part);
                    if (Files.exists(root.resolve(child), LinkOption.NOFOLLOW_LINKS)) next.add(child);
                    continue;
                }
                Pattern p = Pattern.compile(DockerIgnore.regex(part));
                for (String name : names(d)) {
                    if (p.matcher(name).matches()) next.add(join(dir, name));
                }
            }
            at = next;
        }
        return at;
    }

    private static String join(String dir, String name) { return dir.isEmpty() ? name : dir + "/" + name; }

    private static List<String> names(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<FileEntry> walk(Source source) {
        List<FileEntry> out = new ArrayList<>();
        out.add(FileEntry.of("", source.path()));
        if (source.directory()) out.addAll(children(source.path(), "", source.relative()));
        return out;
    }

    /** The entries under {@code dir}; an excluded directory is kept only for what an exception brings back under it. */
    private List<FileEntry> children(Path dir, String under, String contextPath) {
        List<FileEntry> out = new ArrayList<>();
        for (String name : names(dir)) {
            String rel = join(under, name);
            String inContext = join(contextPath, name);
            Path p = dir.resolve(name);
            FileEntry e = FileEntry.of(rel, p);
            boolean excluded = ignore.excluded(inContext);
            if (e.directory()) {
                if (excluded && !ignore.hasExceptions()) continue;
                List<FileEntry> below = children(p, rel, inContext);
                if (excluded && below.isEmpty()) continue;
                out.add(e);
                out.addAll(below);
            } else if (!excluded && (e.regular() || e.symlink())) {
                out.add(e); // sockets, pipes and devices of a context are not content: skipped
            }
        }
        return out;
    }
}
