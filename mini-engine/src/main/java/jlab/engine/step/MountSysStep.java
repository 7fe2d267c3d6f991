package jlab.engine.step;

import jlab.kernel.syscall.MountFlag;

/**
 * Mounts sysfs at /sys, read-only. sysfs shows the network devices of the
 * network namespace of whoever mounts it; read-only, so that a container's root
 * cannot write to the kernel's knobs there.
 */
public final class MountSysStep implements Step {
    @Override
    public String name() { return "mount sys"; }

    private static Mount mount(ContainerBuild b) {
        return Mount.of("sysfs", b.path("/sys"), "sysfs", null,
                MountFlag.RDONLY, MountFlag.NOSUID, MountFlag.NODEV, MountFlag.NOEXEC);
    }

    @Override
    public Explanation explain(ContainerBuild b) {
        Mount m = mount(b);
        return new Explanation("Mount /sys read-only: the kernel's devices and settings, not writable from inside.",
                m.syscall(), m.shell(), "ls " + b.path("/sys/class/net") + " — only lo: the container's own network devices");
    }

    @Override
    public void apply(ContainerBuild b) {
        Dirs.ensure(b, "/sys", "555");
        mount(b).apply(b);
    }
}
