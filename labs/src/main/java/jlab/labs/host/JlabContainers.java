package jlab.labs.host;

import java.util.regex.Pattern;

import jlab.kernel.KernelException;
import jlab.kernel.proc.CgroupMembership;

/**
 * Whether a process belongs to a jlab container: its cgroup is one of an
 * engine's ({@code /jlab/<64 hex digits>}, or {@code /jlab-1a2b3c4d/...} for another state directory: StateDir.cgroupParent).
 * A lab's reset leaves those to {@code jlab rm}; the student's own cgroups
 * ({@code jlab-mem}) do not look like that.
 */
public final class JlabContainers {
    private static final Pattern CONTAINER_CGROUP = Pattern.compile(".*/jlab(-[0-9a-f]{8})?/[0-9a-f]{64}(/.*)?");

    private JlabContainers() {}

    public static boolean holds(HostView host, Proc p) {
        try {
            for (CgroupMembership m : host.proc().cgroups(p.pid())) {
                if (CONTAINER_CGROUP.matcher(m.path()).matches()) return true;
            }
            return false;
        } catch (KernelException exited) {
            return false;
        }
    }
}
