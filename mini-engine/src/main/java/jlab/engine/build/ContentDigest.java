package jlab.engine.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What COPY and ADD put in their line of history, and so in their cache key: a digest of what they
 * copy — each file's path under its source, type, permission bits, size, symlink target and content
 * — so that an edited file, a chmod, a file added or removed, each gives another key, and that step
 * and every later one are built again. Times and owners are left out, as Docker leaves them out: a
 * fresh checkout of the same files hits the cache, and COPY sets the owners itself.
 *
 * <p>Written as Docker writes it: {@code file:HEX} for one file, {@code dir:HEX} for one directory,
 * {@code multi:HEX} for several sources.
 */
final class ContentDigest {
    private ContentDigest() {}

    static String of(List<SourceFiles.Source> sources, SourceFiles files) {
        MessageDigest all = sha256();
        for (SourceFiles.Source s : sources) {
            update(all, "source " + s.name() + "\n");
            for (FileEntry e : files.walk(s)) {
                StringBuilder line = new StringBuilder().append(e.relative()).append('\0')
                        .append(Integer.toOctalString(e.mode())).append('\0');
                if (e.regular()) line.append(e.size()).append('\0').append(contentDigest(e));
                if (e.symlink()) line.append(e.linkTarget());
                update(all, line.append('\n').toString());
            }
        }
        String hex = HexFormat.of().formatHex(all.digest());
        String kind = sources.size() > 1 ? "multi" : sources.get(0).directory() ? "dir" : "file";
        return kind + ":" + hex;
    }

    private static String contentDigest(FileEntry e) {
        MessageDigest md = sha256();
        byte[] buf = new byte[65536];
        try (InputStream in = Files.newInputStream(e.path())) {
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
        } catch (IOException x) {
            throw new UncheckedIOException("cannot read " + e.path() + ": " + x.getMessage(), x);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void update(MessageDigest md, String s) { md.update(s.getBytes(StandardCharsets.UTF_8)); }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
