package jlab.engine.volume;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Explanation;
import jlab.engine.step.Mount;
import jlab.kernel.syscall.MountFlag;

/**
 * {@code --tmpfs /scratch[:size=64m,mode=1777]}, {@code --mount type=tmpfs,...}: a filesystem in memory
 * (page cache and swap), empty at each start, gone with the container. Its pages count against the
 * container's memory cgroup. Docker's defaults: noexec, nosuid, nodev (an option {@code exec}, {@code suid},
 * {@code dev} lifts one), no size limit (the kernel's default: half of the RAM).
 */
public final class TmpfsMountStep extends UserMountStep {
    public TmpfsMountStep(MountSpec mount) { super(mount); }

    @Override
    public String name() { return "tmpfs " + mount.target(); }

    private Mount call(String target) {
        Set<MountFlag> flags = EnumSet.of(MountFlag.NOSUID, MountFlag.NODEV, MountFlag.NOEXEC);
        List<String> data = new ArrayList<>();
        for (String o : mount.tmpfsOptions()) {
            switch (o) {
                case "exec" -> flags.remove(MountFlag.NOEXEC);
                case "suid" -> flags.remove(MountFlag.NOSUID);
                case "dev" -> flags.remove(MountFlag.NODEV);
                case "noexec" -> flags.add(MountFlag.NOEXEC);
                case "nosuid" -> flags.add(MountFlag.NOSUID);
                case "nodev" -> flags.add(MountFlag.NODEV);
                default -> data.add(o); // size=, mode=, uid=...: for tmpfs itself, in mount(2)'s data
            }
        }
        if (mount.readOnly()) flags.add(MountFlag.RDONLY);
        return new Mount("tmpfs", target, "tmpfs", flags, data.isEmpty() ? null : String.join(",", data));
    }

    @Override
    public Explanation explain(ContainerBuild b) {
        Mount m = call(planned(b, mount.target()));
        return new Explanation(
                "Mount a tmpfs at " + mount.target() + ": memory-backed, empty at each start, gone with the container"
                        + (m.data() == null ? "" : " (" + m.data() + ")") + "." + RESOLVED,
                m.syscall(), m.shell(),
                "grep ' " + mount.target() + " ' /proc/mounts inside: tmpfs with its size; " + lookAt(b));
    }

    @Override
    public void apply(ContainerBuild b) {
        TargetResolver r = resolver(b);
        String resolved = r.resolve(mount.target());
        r.ensure(resolved, true);
        b.helper().pipeline(List.of(call(b.path(resolved)).request()));
    }
}
