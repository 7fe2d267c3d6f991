package jlab.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The native helpers of one state directory that run now: processes whose executable is under its bin/. */
final class HelperProcesses {
    private HelperProcesses() {}

    static List<Long> of(Path stateDir) {
        String bin = stateDir.resolve("bin").toString() + "/";
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            return dirs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(d -> {
                        try {
                            return Files.readSymbolicLink(d.resolve("exe")).toString().startsWith(bin);
                        } catch (IOException | UnsupportedOperationException gone) {
                            return false; // exited, or a kernel thread
                        }
                    })
                    .map(d -> Long.parseLong(d.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
