package jlab.kernel.cgroup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * cgroup v1: one tree per controller, so one cgroup is a directory of the same
 * name in each tree we use, and a process must be written into each.
 * Controllers that are co-mounted (the common {@code cpu,cpuacct}) share one
 * tree and so one directory. Nothing needs enabling: a v1 tree's controller
 * applies to every directory in it, and a v1 cgroup may hold processes and
 * children at once.
 *
 * <p>We do not join cpuset (a new cpuset cgroup starts with no CPUs and no
 * memory nodes and refuses processes until both are filled), devices, blkio
 * or net_cls: the process stays in the cgroup it had there.
 */
final class CgroupV1Driver implements CgroupDriver {
    /** The v1 controllers jlab uses, in the order it writes them. */
    static final List<String> CONTROLLERS = List.of("memory", "cpu", "cpuacct", "pids", "freezer");

    private final Map<String, Path> mounts;

    /** @param mounts controller -> mount point of its tree (absent: not mounted here) */
    CgroupV1Driver(Map<String, Path> mounts) {
        this.mounts = Map.copyOf(mounts);
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public Cgroup create(String path, CgroupLimits limits) {
        List<String> segments = CgroupPaths.segments(path);
        List<Path> made = new ArrayList<>();
        try {
            for (Path mount : roots()) {
                Path dir = mount;
                for (int i = 0; i < segments.size(); i++) {
                    dir = dir.resolve(segments.get(i));
                    if (CgroupFiles.mkdir(dir, i == segments.size() - 1)) {
                        made.add(dir);
                    }
                }
            }
            CgroupV1 cgroup = new CgroupV1(path, directoriesOf(path));
            cgroup.setLimits(limits);
            return cgroup;
        } catch (RuntimeException e) {
            Teardown.removeMade(made, e);
            throw e;
        }
    }

    @Override
    public Optional<Cgroup> open(String path) {
        Map<String, Path> dirs = directoriesOf(path);
        boolean exists = dirs.values().stream().anyMatch(Files::isDirectory);
        return exists ? Optional.of(new CgroupV1(path, dirs)) : Optional.empty();
    }

    @Override
    public List<String> children(String path) {
        TreeSet<String> names = new TreeSet<>();
        for (Path dir : directoriesOf(path).values()) {
            names.addAll(CgroupFiles.subdirectories(dir));
        }
        return List.copyOf(names);
    }

    /** The distinct mount points of our controllers (co-mounted ones count once). */
    @Override
    public List<Path> roots() {
        return CONTROLLERS.stream().filter(mounts::containsKey).map(mounts::get).distinct().toList();
    }

    /** controller -> this cgroup's directory in that controller's tree. */
    private Map<String, Path> directoriesOf(String path) {
        String relative = String.join("/", CgroupPaths.segments(path));
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (String controller : CONTROLLERS) {
            if (mounts.containsKey(controller)) {
                dirs.put(controller, mounts.get(controller).resolve(relative));
            }
        }
        return dirs;
    }

    @Override
    public Map<String, String> plannedWrites(CgroupLimits limits) {
        Map<String, String> planned = new java.util.LinkedHashMap<>();
        for (LimitWrite w : V1LimitWrites.of(limits, null)) planned.put(w.controller() + "/" + w.file(), w.value());
        return planned;
    }
}
