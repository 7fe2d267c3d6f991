package jlab.course.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whether the course must be rendered again. Asciidoctor costs most of this
 * module's build time and re-renders everything every time, so CourseBuild
 * stages nothing for it when none of its inputs changed since the last
 * complete build: the sources (and the builder, under src/main), the poms,
 * the lab ids. The digest of a build is promoted to "done" only after
 * Asciidoctor succeeded ({@code CourseBuild --done}, bound to the next phase),
 * so a failed render is never taken for a finished one.
 */
final class Inputs {
    private Inputs() {}

    static String digest(Path src, Collection<String> labIds) throws IOException {
        MessageDigest sha = sha256();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(src)) {
            files = walk.filter(Files::isRegularFile).filter(f -> !src.relativize(f).startsWith("test")).sorted().toList();
        }
        Path module = src.toAbsolutePath().getParent();
        for (Path pom : List.of(module.resolve("pom.xml"), module.resolveSibling("pom.xml"))) {
            if (Files.isRegularFile(pom)) files = Stream.concat(files.stream(), Stream.of(pom)).toList();
        }
        for (Path f : files) {
            sha.update(f.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
            sha.update(Files.readAllBytes(f));
        }
        sha.update(String.join(",", labIds).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
