package jlab.engine.network;

import jlab.engine.state.ContainerPaths;
import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Explanation;
import jlab.engine.step.Step;
import jlab.kernel.KernelException;
import jlab.kernel.net.RtNetlink;

/**
 * A veth pair: two links joined like the two ends of a cable. One end stays on
 * the host ({@code vj} and 12 hex digits of the container's id); the other is
 * born inside the container's network namespace as {@code eth0} — one
 * RTM_NEWLINK that names the peer's namespace (IFLA_NET_NS_PID), which is what
 * "make it here, then move it there" ({@code ip link set X netns PID}) does in
 * two requests. When the container's namespace dies, the kernel deletes eth0,
 * and with it the whole pair.
 */
public final class VethStep implements Step {
    @Override
    public String name() { return "veth pair"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        String host = Endpoint.hostVethOf(b.id());
        String pid = Networks.pid(b);
        return new Explanation(
                "Make a veth pair: " + host + " on the host, and its peer eth0 created directly in the container's network"
                        + " namespace (the same as making both here and moving eth0 there).",
                "rtnetlink: RTM_NEWLINK {IFLA_IFNAME \"" + host + "\", IFLA_INFO_KIND \"veth\", VETH_INFO_PEER"
                        + " {IFLA_IFNAME \"eth0\", IFLA_NET_NS_PID " + pid + "}}",
                "ip link add " + host + " type veth peer name eth0 netns " + pid,
                "ip -br link show " + host + "; nsenter --net --target " + pid + " ip -br link — lo and eth0");
    }

    @Override
    public void apply(ContainerBuild b) {
        try (RtNetlink rt = RtNetlink.open()) {
            rt.createVethWithPeerIn(Endpoint.hostVethOf(b.id()), "eth0", b.initPid());
        }
    }

    @Override
    public void undo(ContainerBuild b) { undoFor(b.paths()); }

    /** Deletes the host end (and so the pair); gone already (the namespace died first) is fine. */
    static void undoFor(ContainerPaths c) {
        try (RtNetlink rt = RtNetlink.open()) {
            rt.deleteLink(Endpoint.hostVethOf(c.id()));
        } catch (KernelException e) {
            if (!"ENODEV".equals(e.errnoName()) && !"EINVAL".equals(e.errnoName())) throw e;
        }
    }

    @Override
    public boolean inHelper() { return false; }
}
