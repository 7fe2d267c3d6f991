package jlab.engine.volume;

import java.nio.file.Path;

import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Step;

/**
 * What the three mount steps the user asks for share: one {@link MountSpec}, a target resolved inside the
 * container's root, and what to look at. They run after the overlay root and the kernel filesystems, and
 * before pivot_root, in the container's mount namespace: the host's mount table never shows them, and
 * they vanish with the container's last process (nothing to undo; a volume's data stays, by design).
 */
abstract class UserMountStep implements Step {
    protected final MountSpec mount;

    UserMountStep(MountSpec mount) { this.mount = mount; }

    public MountSpec mount() { return mount; }

    /**
     * The container's root as jlab's own process can read it: through {@code /proc/PID/root} of the
     * helper, which leads into the helper's mount namespace, where the overlay is mounted.
     */
    static TargetResolver resolver(ContainerBuild b) {
        Path root = Path.of("/proc", Long.toString(b.processPid()), "root");
        String inside = b.pivoted() ? "" : b.paths().rootfs().toString().substring(1);
        return new TargetResolver(inside.isEmpty() ? root : root.resolve(inside));
    }

    /** Where the helper names the target before resolution: for the explanation. */
    static String planned(ContainerBuild b, String target) { return b.path(target); }

    String lookAt(ContainerBuild b) {
        String pid = b.hasHelper() ? Long.toString(b.processPid()) : "PID";
        return "grep " + mount.target() + " /proc/" + pid + "/mountinfo from the host (its own /proc/self/mountinfo"
                + " never shows it); inside: grep " + mount.target() + " /proc/self/mountinfo";
    }

    static final String READ_ONLY = " Read-only takes a second call: when it makes a bind mount the kernel ignores"
            + " MS_RDONLY (only MS_REC counts), and only a remount changes a mount's own flags; it repeats the"
            + " source mount's nosuid, nodev, noexec, which a remount would otherwise clear.";

    static final String RESOLVED = " (the target is resolved inside the rootfs first: a symlink in the image is"
            + " followed within it, never out of it, as runc's securejoin; what is missing is created there)";
}
