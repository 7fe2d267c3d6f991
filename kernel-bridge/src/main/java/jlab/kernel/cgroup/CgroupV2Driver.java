package jlab.kernel.cgroup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * cgroup v2: one tree. A controller works in a cgroup only if its parent lists
 * it in {@code cgroup.subtree_control} ("my children get memory accounting"),
 * and a parent can only enable what it has in its own {@code cgroup.controllers}.
 * So creating {@code jlab/3f2a} enables the controllers from the root down:
 * <pre>
 * echo +memory > /sys/fs/cgroup/cgroup.subtree_control        (then jlab/ has memory.*)
 * mkdir /sys/fs/cgroup/jlab
 * echo +memory > /sys/fs/cgroup/jlab/cgroup.subtree_control   (then jlab/3f2a/ has memory.*)
 * mkdir /sys/fs/cgroup/jlab/3f2a
 * </pre>
 * The leaf enables nothing: v2's "no internal processes" rule lets a cgroup
 * either hold processes or hand controllers to children, not both (only the
 * root is exempt). Parents like {@code jlab} therefore hold no process.
 */
final class CgroupV2Driver implements CgroupDriver {
    /** The controllers jlab uses, enabled where the parent offers them. */
    static final List<String> CONTROLLERS = List.of("memory", "cpu", "pids", "io");

    private final Path root;

    CgroupV2Driver(Path root) {
        this.root = root;
    }

    @Override
    public String version() {
        return "v2";
    }

    @Override
    public Cgroup create(String path, CgroupLimits limits) {
        List<String> segments = CgroupPaths.segments(path);
        List<Path> made = new ArrayList<>();
        try {
            Path dir = root;
            for (int i = 0; i < segments.size(); i++) {
                delegateControllers(dir);
                dir = dir.resolve(segments.get(i));
                boolean leaf = i == segments.size() - 1;
                if (CgroupFiles.mkdir(dir, leaf)) {
                    made.add(dir);
                }
            }
            CgroupV2 cgroup = new CgroupV2(path, dir);
            cgroup.setLimits(limits);
            return cgroup;
        } catch (RuntimeException e) {
            // Controllers enabled in parents that existed before stay enabled:
            // other cgroups may rely on them, and they cost nothing unused.
            Teardown.removeMade(made, e);
            throw e;
        }
    }

    /** Enables in {@code parent/cgroup.subtree_control} each of our controllers it offers and lacks. */
    private static void delegateControllers(Path parent) {
        List<String> offered = words(parent.resolve("cgroup.controllers"));
        List<String> enabled = words(parent.resolve("cgroup.subtree_control"));
        for (String controller : CONTROLLERS) {
            if (offered.contains(controller) && !enabled.contains(controller)) {
                CgroupFiles.write(parent.resolve("cgroup.subtree_control"), "+" + controller);
            }
        }
    }

    private static List<String> words(Path file) {
        String text = CgroupFiles.read(file);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\s+"));
    }

    @Override
    public Optional<Cgroup> open(String path) {
        Path dir = root.resolve(String.join("/", CgroupPaths.segments(path)));
        return Files.isDirectory(dir) ? Optional.of(new CgroupV2(path, dir)) : Optional.empty();
    }

    @Override
    public List<String> children(String path) {
        return CgroupFiles.subdirectories(root.resolve(String.join("/", CgroupPaths.segments(path))));
    }

    @Override
    public List<Path> roots() {
        return List.of(root);
    }

    @Override
    public Map<String, String> plannedWrites(CgroupLimits limits) {
        Map<String, String> planned = new java.util.LinkedHashMap<>();
        for (LimitWrite w : V2LimitWrites.of(limits)) planned.put(w.file(), w.value());
        return planned;
    }
}
