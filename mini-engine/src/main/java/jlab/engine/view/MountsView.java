package jlab.engine.view;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jlab.kernel.proc.MountInfo;
import jlab.kernel.proc.ProcFs;

/**
 * {@code mounts}: the mount table the container's process sees
 * (/proc/PID/mountinfo: paths relative to its root, so after pivot_root
 * {@code /} is the image's overlay), and which of its mounts the host does
 * not have.
 *
 * <p>A new mount namespace starts as a copy of its parent's table, so right
 * after unshare(CLONE_NEWNS) nothing is new. A mount counts as new when no
 * host mount shows the same filesystem (device number) and the same
 * directory of it (root): the overlay of the image, a fresh proc (one per PID
 * namespace), a tmpfs. A bind mount of a host directory is not new: the host
 * has that filesystem mounted, if elsewhere.
 */
public final class MountsView {
    /**
     * One mount, as the container sees it.
     *
     * @param newHere the host has no mount of this filesystem and directory
     */
    public record Row(String mountPoint, String fsType, String source, String options, boolean newHere) {}

    private final ProcFs proc;

    public MountsView() { this(ProcFs.host()); }

    public MountsView(ProcFs proc) { this.proc = proc; }

    public List<Row> of(long pid, long hostPid) {
        Set<String> host = new HashSet<>();
        for (MountInfo m : proc.mountInfo(hostPid)) host.add(identity(m));
        return proc.mountInfo(pid).stream()
                .map(m -> new Row(m.mountPoint(), m.fsType(), m.source(), m.mountOptions(), !host.contains(identity(m))))
                .toList();
    }

    /** Which filesystem (device) and which directory of it. */
    private static String identity(MountInfo m) {
        return m.majorMinor() + " " + m.root();
    }
}
