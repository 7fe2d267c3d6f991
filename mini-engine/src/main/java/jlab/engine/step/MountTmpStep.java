package jlab.engine.step;

import jlab.kernel.syscall.MountFlag;

/** A fresh tmpfs at /tmp: in memory, empty at each start, gone when the container is. */
public final class MountTmpStep implements Step {
    @Override
    public String name() { return "mount tmp"; }

    private static Mount mount(ContainerBuild b) {
        return Mount.of("tmpfs", b.path("/tmp"), "tmpfs", "mode=1777", MountFlag.NOSUID, MountFlag.NODEV);
    }

    @Override
    public Explanation explain(ContainerBuild b) {
        Mount m = mount(b);
        return new Explanation("Mount an empty tmpfs at /tmp: memory-backed, writable by all (mode 1777).",
                m.syscall(), m.shell(), "grep ' /tmp ' /proc/" + (b.hasHelper() ? b.processPid() : "PID") + "/mountinfo");
    }

    @Override
    public void apply(ContainerBuild b) {
        Dirs.ensure(b, "/tmp", "1777");
        mount(b).apply(b);
    }
}
