package jlab.engine.step;

import jlab.kernel.syscall.MountFlag;

/**
 * Mounts a new procfs at /proc. A procfs shows the processes of the PID
 * namespace of the process that mounts it: mounted by the container's PID 1,
 * it lists only the container's processes. Until this step, {@code ps} inside
 * would still list the host's (it reads /proc, and /proc is still the host's).
 */
public final class MountProcStep implements Step {
    @Override
    public String name() { return "mount proc"; }

    private static Mount mount(ContainerBuild b) {
        return Mount.of("proc", b.path("/proc"), "proc", null, MountFlag.NOSUID, MountFlag.NODEV, MountFlag.NOEXEC);
    }

    @Override
    public Explanation explain(ContainerBuild b) {
        Mount m = mount(b);
        return new Explanation(
                "Mount /proc for the container's PID namespace: ps inside now sees only the container's processes.",
                m.syscall(), m.shell(),
                "ls " + b.path("/proc") + " | grep -c '^[0-9]' — a handful of pids, where the host has hundreds");
    }

    @Override
    public void apply(ContainerBuild b) {
        Dirs.ensure(b, "/proc", "555");
        mount(b).apply(b);
    }
}
