package jlab.engine.step;

import jlab.kernel.syscall.MountFlag;

/**
 * Makes every mount of the new mount namespace private. A new mount namespace
 * starts as a copy of the host's, and the host's mounts are usually "shared"
 * (systemd makes them so): a mount made inside would then propagate back to the
 * host. MS_PRIVATE|MS_REC cuts every propagation link, so nothing the container
 * mounts is seen outside — and pivot_root requires it.
 */
public final class PrivateMountsStep implements Step {
    private static final Mount MAKE_RPRIVATE = Mount.of(null, "/", null, null, MountFlag.REC, MountFlag.PRIVATE);

    @Override
    public String name() { return "private mounts"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        return new Explanation(
                "Stop mount propagation: nothing mounted in the container will appear on the host.",
                MAKE_RPRIVATE.syscall(),
                "mount --make-rprivate /",
                "cat /proc/" + (b.hasHelper() ? b.processPid() : "PID")
                        + "/mountinfo — no \"shared:N\" field left on any line");
    }

    @Override
    public void apply(ContainerBuild b) {
        MAKE_RPRIVATE.apply(b);
    }
}
