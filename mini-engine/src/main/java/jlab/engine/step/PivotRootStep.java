package jlab.engine.step;

import java.util.List;

import jlab.kernel.proc.MountInfo;
import jlab.kernel.proc.ProcFs;

/**
 * Makes the overlay the root of the mount namespace, and detaches the host's
 * old root so that no path leads back to it.
 *
 * chroot would only change how this process resolves "/": the host's root
 * stays mounted in the namespace, and a root process can climb back out
 * (chroot to a subdirectory, then "cd .." past the jail). pivot_root moves the
 * namespace's root mount itself. The sequence, from pivot_root(2):
 * {@code chdir(new_root); pivot_root(".", "."); umount2(".", MNT_DETACH)} —
 * pivot_root stacks the old root on top of the new one at "/", and the umount
 * of "." removes the top of that stack: the old root.
 *
 * <p>One host cannot do this: one whose root is still the initramfs (the
 * "rootfs" the kernel unpacks at boot, as in some live systems and VMs).
 * The kernel never lets a process pivot away from it (EINVAL). There, jlab
 * does what runc's --no-pivot and Docker's DOCKER_RAMDISK do: it moves the
 * container's root over "/" (MS_MOVE) and chroots into it — and, since a
 * chroot can be climbed out of by a process allowed to chroot again, it also
 * drops CAP_SYS_CHROOT (see {@link CapabilitiesStep}).
 */
public final class PivotRootStep implements Step {
    private static volatile Boolean initramfsRoot;

    @Override
    public String name() { return "pivot-root"; }

    /** Whether this host's root is the initramfs, which pivot_root cannot leave. */
    public static boolean hostRootIsInitramfs() {
        if (initramfsRoot == null) {
            List<MountInfo> mounts = ProcFs.host().mountInfo(ProcessHandle.current().pid());
            initramfsRoot = mounts.stream().anyMatch(m -> m.mountPoint().equals("/") && m.fsType().equals("rootfs"));
        }
        return initramfsRoot;
    }

    @Override
    public Explanation explain(ContainerBuild b) {
        String root = b.paths().rootfs().toString();
        String look = "cat /proc/" + (b.hasHelper() ? b.processPid() : "PID") + "/mountinfo — no host filesystem is left";
        if (hostRootIsInitramfs()) {
            return new Explanation(
                    "This host's root is the initramfs, which pivot_root cannot leave: move the container's filesystem"
                            + " over / and chroot into it (as runc --no-pivot does), and drop CAP_SYS_CHROOT.",
                    "chdir(\"" + root + "\"); mount(\".\", \"/\", NULL, MS_MOVE, NULL); chroot(\".\"); chdir(\"/\")",
                    "cd " + root + " && mount --move . / && chroot .",
                    look);
        }
        return new Explanation(
                "Make the container's filesystem the root, and detach the host's: no path leads back to it.",
                "chdir(\"" + root + "\"); pivot_root(\".\", \".\"); umount2(\".\", MNT_DETACH); chdir(\"/\")",
                "cd " + root + " && pivot_root . . && umount -l .",
                look);
    }

    @Override
    public void apply(ContainerBuild b) {
        String root = b.paths().rootfs().toString();
        if (hostRootIsInitramfs()) {
            b.helper().pipeline(List.of(
                    List.of("chdir", root),
                    List.of("mount", root, "/", "", "move", ""),
                    List.of("chroot", "."),
                    List.of("chdir", "/")));
        } else {
            b.helper().pipeline(List.of(
                    List.of("chdir", root),
                    List.of("pivot_root", ".", "."),
                    List.of("umount", ".", "detach"),
                    List.of("chdir", "/")));
        }
        b.pivoted(true);
    }
}
