package jlab.labs.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jlab.kernel.KernelException;
import jlab.kernel.ns.Namespace;
import jlab.kernel.proc.MountInfo;

/**
 * Mount tables as the checks read them: /proc/PID/mountinfo is the table of
 * the process's mount namespace (mount points written relative to its root).
 * Each namespace is read once, through one of its processes.
 */
public final class Mounts {
    private Mounts() {}

    /** One mount namespace other than the host's, read through one process in it. */
    public record Namespaced(Proc through, List<MountInfo> table) {
        /** The mount at this mount point (the last one: mounts stack, the top one is what a path reaches). */
        public Optional<MountInfo> at(String mountPoint) { return Mounts.at(table, mountPoint); }
    }

    /** The host's table (jlab's own). */
    public static List<MountInfo> host(HostView host) {
        return host.proc().mountInfo(host.self());
    }

    /** Every mount namespace other than the host's that a running process is in. */
    public static List<Namespaced> others(HostView host) {
        List<Namespaced> found = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Proc p : host.inOwn(Namespace.MNT)) {
            if (!seen.add(p.ns(Namespace.MNT))) continue;
            try {
                found.add(new Namespaced(p, host.proc().mountInfo(p.pid())));
            } catch (KernelException exited) {
                seen.remove(p.ns(Namespace.MNT)); // another process of it may still answer
            }
        }
        return found;
    }

    public static Optional<MountInfo> at(List<MountInfo> table, String mountPoint) {
        MountInfo top = null;
        for (MountInfo m : table) if (m.mountPoint().equals(mountPoint)) top = m;
        return Optional.ofNullable(top);
    }

    /**
     * Whether two paths name the same directory: the same inode on the same
     * device, which is what a bind mount shows ({@code /proc/PID/root/data}
     * walks the process's own root and mounts).
     */
    public static boolean sameFile(Path a, Path b) {
        try {
            return Files.getAttribute(a, "unix:dev").equals(Files.getAttribute(b, "unix:dev"))
                    && Files.getAttribute(a, "unix:ino").equals(Files.getAttribute(b, "unix:ino"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
