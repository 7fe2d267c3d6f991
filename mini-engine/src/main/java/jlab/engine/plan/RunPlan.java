package jlab.engine.plan;

import java.util.ArrayList;
import java.util.List;

import jlab.engine.ContainerSpec;
import jlab.engine.network.AllocateAddressStep;
import jlab.engine.network.AttachStep;
import jlab.engine.network.BridgeStep;
import jlab.engine.network.ContainerAddressStep;
import jlab.engine.network.HostsFilesStep;
import jlab.engine.network.MountHostsFilesStep;
import jlab.engine.network.NetworkStore;
import jlab.engine.network.OutboundNatStep;
import jlab.engine.network.PublishPortsStep;
import jlab.engine.network.VethStep;
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
 * <li>on a bridge network (the default): an address, the bridge and its NAT, a veth pair
 *     whose peer is born in the new network namespace, its address and route, the hosts
 *     files, the published ports (--network host: no network namespace; none: only lo);</li>
 * <li>the root: overlay, /proc (by PID 1, so it shows PID 1's namespace), /sys, /dev, /tmp,
 *     the user's bind mounts, volumes and tmpfs, pivot_root, then the masks that need the container's /proc;</li>
 * <li>the process's privileges: user namespace (--userns), capabilities, user, no_new_privs;</li>
 * <li>exec.</li>
 * </ol>
 */
public final class RunPlan {
    private RunPlan() {}

    /**
     * A build's RUN ({@code jlab build}): {@code run}'s own plan, in the foreground, with the command's output
     * and error appended to {@code output} for the build to show, and its input /dev/null.
     */
    public static Plan forBuildStep(ContainerSpec spec, java.nio.file.Path output) {
        List<Step> s = new ArrayList<>(forSpec(spec, true).steps());
        s.replaceAll(step -> step instanceof StdioStep ? new StdioStep(output) : step);
        return new Plan(s);
    }

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
        boolean bridged = !NetworkStore.isPseudo(spec.network());
        boolean hostNetwork = NetworkStore.HOST.equals(spec.network());
        if (!hostNetwork) {
            s.add(new UnshareStep(Namespace.NET));
            s.add(new LoopbackStep());
        }
        if (hostNetwork) s.add(new HostsFilesStep());
        if (bridged) {
            s.add(new AllocateAddressStep()); // first: a claimed address tells gc the bridge is in use
            s.add(new BridgeStep());
            s.add(new OutboundNatStep());
            s.add(new HostsFilesStep());
            s.add(new VethStep());
            s.add(new AttachStep());
            s.add(new ContainerAddressStep());
            s.add(new PublishPortsStep());
        }
        s.add(new OverlayRootfsStep());
        s.add(new MountProcStep());
        s.add(new MountSysStep());
        s.add(new MountDevStep());
        s.add(new MountTmpStep());
        if (bridged || hostNetwork) s.add(new MountHostsFilesStep());
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
