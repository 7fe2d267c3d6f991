package jlab.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jlab.engine.state.StateDir;

/**
 * What the host looks like, for the leak tests: its mount table, every cgroup
 * directory named jlab, and the files of a state directory. Two snapshots taken
 * before and after must be equal.
 */
record HostSnapshot(List<String> mounts, List<String> cgroups, List<String> stateFiles) {

    /** What differs from {@code before}, readably: "+ added" and "- removed" lines; empty when equal. */
    String changesSince(HostSnapshot before) {
        StringBuilder sb = new StringBuilder();
        diff(sb, "mount", before.mounts, mounts);
        diff(sb, "cgroup", before.cgroups, cgroups);
        diff(sb, "state", before.stateFiles, stateFiles);
        return sb.toString();
    }

    private static void diff(StringBuilder sb, String what, List<String> before, List<String> after) {
        for (String a : after) if (!before.contains(a)) sb.append("+ ").append(what).append(' ').append(a).append('\n');
        for (String b : before) if (!after.contains(b)) sb.append("- ").append(what).append(' ').append(b).append('\n');
    }

    static HostSnapshot take(Path stateDir) {
        return new HostSnapshot(readMounts(), readJlabCgroups(new StateDir(stateDir).cgroupParent()), readStateFiles(stateDir));
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

    /**
     * Every container cgroup of the engine: the directories under its parent
     * cgroup ("jlab", or "jlab-HASH" for a test's state directory), in every
     * hierarchy (v1 and v2). The parent itself is shared by the engine's
     * containers, like Docker's "docker" cgroup; jlab gc removes it once empty.
     */
    private static List<String> readJlabCgroups(String parentName) {
        TreeSet<String> found = new TreeSet<>();
        for (Path parent : parentCgroups(parentName)) {
            try (Stream<Path> children = Files.list(parent)) {
                children.filter(Files::isDirectory).map(Path::toString).forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(found);
    }

    /** The engine's parent cgroup in each hierarchy where it exists: none once {@code jlab gc} has run. */
    static List<Path> parentCgroups(Path stateDir) { return parentCgroups(new StateDir(stateDir).cgroupParent()); }

    private static List<Path> parentCgroups(String parentName) {
        List<Path> candidates = new java.util.ArrayList<>(List.of(Path.of("/sys/fs/cgroup", parentName)));
        try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            hierarchies.map(h -> h.resolve(parentName)).forEach(candidates::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return candidates.stream().filter(Files::isDirectory).distinct().toList();
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
