package jlab.engine.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import jlab.engine.state.ContainerStore;

/**
 * A build's scratch space, {@code images/builds/PID-N}: the staged files of a COPY before they are a
 * layer, the output of a RUN. Deleted when the build ends, failed or not; the directory of a jlab
 * that was killed mid-build is deleted by the next build (its process is gone).
 */
final class BuildWorkDir implements AutoCloseable {
    private final Path dir;

    private BuildWorkDir(Path dir) { this.dir = dir; }

    static BuildWorkDir open(Path imagesDir) {
        Path builds = imagesDir.resolve("builds");
        try {
            Files.createDirectories(builds);
            sweep(builds);
            return new BuildWorkDir(Files.createTempDirectory(builds, ProcessHandle.current().pid() + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a build directory in " + builds + ": " + e.getMessage(), e);
        }
    }

    Path dir() { return dir; }

    /** Deletes the scratch directories whose jlab is gone. */
    private static void sweep(Path builds) throws IOException {
        try (Stream<Path> s = Files.list(builds)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                int dash = name.indexOf('-');
                if (dash <= 0 || !name.substring(0, dash).chars().allMatch(Character::isDigit)) continue;
                if (ProcessHandle.of(Long.parseLong(name.substring(0, dash))).isEmpty()) ContainerStore.deleteTree(p);
            }
        }
    }

    @Override
    public void close() { ContainerStore.deleteTree(dir); }
}
