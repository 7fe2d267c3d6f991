package jlab.engine.build;

import java.nio.file.Path;
import java.util.List;

/**
 * Where COPY and ADD read: the build context, or (COPY --from) the files of a stage's or an image's
 * layers as a container of it would see them.
 */
interface SourceFiles {
    /**
     * One source of a COPY, found.
     *
     * @param relative its path where it was found, without a leading "/" ("" for the context itself)
     * @param path     the file or directory on the host, symlinks followed
     */
    record Source(String relative, Path path, boolean directory) {
        /** The name a file keeps when copied into a directory. */
        String name() {
            int slash = relative.lastIndexOf('/');
            return slash < 0 ? relative : relative.substring(slash + 1);
        }
    }

    /** What {@code given} names (every match, when it has wildcards), in name order; never empty. */
    List<Source> match(String given, Instruction in);

    /** A source's files: the source itself ("") then, for a directory, everything under it, parents first, in name order. */
    List<FileEntry> walk(Source source);

    /** "the build context", "stage builder": for errors. */
    String describe();

    /** Has {@code text} a wildcard of Go's filepath.Match ({@code * ? [})? */
    static boolean hasWildcard(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
    }
}
