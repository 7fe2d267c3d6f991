package jlab.kernel.proc;

import java.util.List;
import java.util.Objects;

import jlab.kernel.KernelException;

/**
 * One line of /proc/PID/cgroup: the cgroup a process belongs to in one hierarchy.
 *
 * <pre>
 * 0::/jlab/web            cgroup v2: the one unified hierarchy, id 0, no controller list
 * 4:memory:/docker/abc    cgroup v1: hierarchy 4, which carries the memory controller
 * 2:cpu,cpuacct:/         cgroup v1: two controllers mounted together
 * 9:name=systemd:/        cgroup v1: a named hierarchy with no controller, used for tracking
 * </pre>
 *
 * A v2-only host has just the {@code 0::} line; a v1 host one line per hierarchy; a
 * "hybrid" host both. The path is relative to the root of the <em>reader's</em> cgroup
 * namespace: from inside a container with its own cgroup namespace, the container's
 * cgroup reads {@code /}, and a cgroup outside it reads {@code /../..}. In v2, a
 * cgroup removed after its last process became a zombie reads {@code /path (deleted)}.
 *
 * @param hierarchyId the hierarchy: 0 for v2, otherwise the number /proc/cgroups lists
 * @param controllers the controllers of a v1 hierarchy ({@code memory}, {@code cpu}...) or its
 *                    {@code name=...}; empty for v2, whose controllers are per cgroup
 *                    (cgroup.controllers)
 * @param path        the cgroup, a directory under the hierarchy's mount point
 */
public record CgroupMembership(int hierarchyId, List<String> controllers, String path) {

    public CgroupMembership {
        controllers = List.copyOf(controllers);
        Objects.requireNonNull(path, "path");
    }

    /** The cgroup v2 line, {@code 0::/path}. */
    public boolean isUnified() {
        return hierarchyId == 0 && controllers.isEmpty();
    }

    /** {@code "hierarchy-id:controllers:path"}; the path may itself contain colons. */
    static CgroupMembership parse(String line) {
        String[] f = line.split(":", 3);
        if (f.length != 3) {
            throw KernelException.of("parse", "cgroup", "expected id:controllers:path, got '" + line + "'");
        }
        List<String> controllers = f[1].isEmpty() ? List.of() : List.of(f[1].split(","));
        return new CgroupMembership(Integer.parseInt(f[0]), controllers, f[2]);
    }
}
