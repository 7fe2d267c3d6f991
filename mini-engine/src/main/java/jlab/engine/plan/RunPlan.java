package jlab.engine.plan;

import java.util.ArrayList;
import java.util.List;

import jlab.engine.ContainerSpec;
import jlab.engine.step.*;
import jlab.engine.volume.MountSteps;
import jlab.kernel.ns.Namespace;

/**
 * The steps of {@code jlab run}, in the order the kernel needs them:
 * <ol>
 * <li>on the host: the container's directories and its cgroup;</li>
 * <li>the helper process (detached: its supervisor, which will hold its log and its exit);
 *     a new PID namespace (PID 1 is forked), put in the cgroup;</li>
 * <li>the other namespaces: cgroup (after joining the cgroup, so that the cgroup
 *     becomes the container's "/"), mount (then made private), UTS, IPC, network;</li>
 * <li>the root: overlay, /proc (by PID 1, so it shows PID 1's namespace), /sys, /dev, /tmp,
 *     the user's bind mounts, volumes and tmpfs, pivot_root, then the masks that need the container's /proc;</li>
 * <li>the process's privileges: user namespace (--userns), capabilities, user, no_new_privs;</li>
 * <li>exec.</li>
 * </ol>
 */
public final class RunPlan {
    private RunPlan() {}

    /** @param foreground the container dies with jlab (run without -d); otherwise it is detached and supervised */
    public static Plan forSpec(ContainerSpec spec, boolean foreground) {
        List<Step> s = new ArrayList<>();
        s.add(new ContainerDirStep());
        s.add(new CgroupStep());
        s.add(new StartHelperStep(foreground));
        if (!foreground) s.add(new SuperviseStep());
        s.add(new StdioStep());
        s.add(new PidNamespaceStep());
        s.add(new JoinCgroupStep());
        s.add(new UnshareStep(Namespace.CGROUP));
        s.add(new UnshareStep(Namespace.MNT));
        s.add(new PrivateMountsStep());
        s.add(new UnshareStep(Namespace.UTS));
        s.add(new HostnameStep());
        s.add(new UnshareStep(Namespace.IPC));
        s.add(new UnshareStep(Namespace.NET));
        s.add(new LoopbackStep());
        s.add(new OverlayRootfsStep());
        s.add(new MountProcStep());
        s.add(new MountSysStep());
        s.add(new MountDevStep());
        s.add(new MountTmpStep());
        s.addAll(MountSteps.forSpec(spec)); // -v, --mount, --tmpfs: on the new root, before it becomes "/"
        s.add(new PivotRootStep());
        s.add(new MaskPathsStep());
        if (spec.userns()) s.add(new UserNamespaceStep());
        s.add(new CapabilitiesStep());
        s.add(new SetUserStep());
        s.add(new NoNewPrivsStep());
        s.add(new ExecStep());
        return new Plan(s);
    }
}
