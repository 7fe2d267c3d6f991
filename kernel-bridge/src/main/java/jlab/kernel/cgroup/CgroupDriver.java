package jlab.kernel.cgroup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host's cgroup filesystem: which version it speaks, and where.
 *
 * <p>A cgroup is a directory in a special filesystem; its files are the
 * kernel's knobs ({@code memory.max}) and meters ({@code memory.current}).
 * Linux has two designs:
 * <ul>
 *   <li><b>v2</b> (unified): one tree, mounted at {@code /sys/fs/cgroup}, where a
 *       directory is one cgroup for every controller at once. The default on
 *       current distributions.</li>
 *   <li><b>v1</b> (legacy): one tree per controller ({@code /sys/fs/cgroup/memory},
 *       {@code /sys/fs/cgroup/pids}, ...). A container's cgroup is then a
 *       directory of the same name in each tree.</li>
 * </ul>
 * A "hybrid" host mounts the v1 trees for the controllers plus a cgroup2 tree
 * at {@code /sys/fs/cgroup/unified} that holds no controller we use: that host
 * is driven as v1.
 *
 * <p>Paths such as {@code "jlab/3f2a"} are relative to the root of each
 * hierarchy, never to the cgroup jlab itself runs in.
 */
public interface CgroupDriver {

    /** The layout of this machine, read from {@code /proc/self/mountinfo}. */
    static CgroupDriver detect() {
        return detect(Path.of("/proc"));
    }

    /**
     * The layout described by {@code procRoot/self/mountinfo}. Mount points are
     * used as written there, so a test can point them into a temporary directory.
     */
    static CgroupDriver detect(Path procRoot) {
        return CgroupDetection.detect(procRoot);
    }

    /** {@code "v2"} or {@code "v1"}. */
    String version();

    /**
     * Makes the cgroup (and its missing parents) and writes the limits. If
     * anything fails, the directories made here are removed again and the
     * failure is thrown.
     */
    Cgroup create(String path, CgroupLimits limits);

    /**
     * The files {@link #create} would write for {@code limits}, and their values,
     * named as {@link Cgroup#limitFiles()} names them ({@code "memory.max"} on v2,
     * {@code "memory/memory.limit_in_bytes"} on v1): what to explain before doing it.
     */
    Map<String, String> plannedWrites(CgroupLimits limits);

    /** The cgroup at {@code path} if it exists. */
    Optional<Cgroup> open(String path);

    /** Names of the child cgroups of {@code path} (empty if it does not exist). */
    List<String> children(String path);

    /** The mount points in use: one on v2, one per controller tree on v1. */
    List<Path> roots();
}
