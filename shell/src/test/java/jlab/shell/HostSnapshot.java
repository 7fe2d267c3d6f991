package jlab.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the host looks like, for the leak tests: its mount table, every cgroup
 * directory named jlab, and the files of a state directory. Two snapshots taken
 * before and after must be equal.
 */
record HostSnapshot(List<String> mounts, List<String> cgroups, List<String> stateFiles) {

    static HostSnapshot take(Path stateDir) {
        return new HostSnapshot(readMounts(), readJlabCgroups(), readStateFiles(stateDir));
    }

    /** Mount points and sources, without ids (which the kernel reuses freely). */
    private static List<String> readMounts() {
        try {
            return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .map(l -> l.split(" "))
                    .map(f -> f[4] + " " + f[f.length - 3] + " " + f[f.length - 2])
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every cgroup directory whose path holds "jlab", in every hierarchy (v1 and v2). */
    private static List<String> readJlabCgroups() {
        TreeSet<String> found = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(Path.of("/sys/fs/cgroup"), 4)) {
            walk.filter(Files::isDirectory).map(Path::toString).filter(p -> p.contains("jlab")).forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(found);
    }

    /** The state directory's contents, except what is shared and kept on purpose (images, the helper binary). */
    private static List<String> readStateFiles(Path stateDir) {
        if (!Files.isDirectory(stateDir)) return List.of();
        try (Stream<Path> walk = Files.walk(stateDir)) {
            return walk.map(p -> stateDir.relativize(p).toString())
                    .filter(p -> !p.startsWith("images") && !p.startsWith("bin"))
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
