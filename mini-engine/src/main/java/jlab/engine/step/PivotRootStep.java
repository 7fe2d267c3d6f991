package jlab.engine.step;

import java.util.List;

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
 */
public final class PivotRootStep implements Step {
    @Override
    public String name() { return "pivot-root"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        String root = b.paths().rootfs().toString();
        return new Explanation(
                "Make the container's filesystem the root, and detach the host's: no path leads back to it.",
                "chdir(\"" + root + "\"); pivot_root(\".\", \".\"); umount2(\".\", MNT_DETACH); chdir(\"/\")",
                "cd " + root + " && pivot_root . . && umount -l .",
                "cat /proc/" + (b.hasHelper() ? b.processPid() : "PID") + "/mountinfo — no host filesystem is left");
    }

    @Override
    public void apply(ContainerBuild b) {
        b.helper().pipeline(List.of(
                List.of("chdir", b.paths().rootfs().toString()),
                List.of("pivot_root", ".", "."),
                List.of("umount", ".", "detach"),
                List.of("chdir", "/")));
        b.pivoted(true);
    }
}
