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

    /**
     * Once the container's last process has exited, its network namespace dies, and the
     * kernel deletes eth0 and so the whole pair, in the background (cleanup_net, which
     * batches the namespaces that die together). Deleting it ourselves would cost about
     * 20 ms: unregistering a link waits for an RCU grace period while it holds the rtnl
     * lock, and every other link change of the host waits behind it. So when the helper
     * is known to have exited (the PID namespace, and every process in it, gone), the
     * kernel does it; otherwise (a step failed while the container still ran) jlab deletes it.
     */
    @Override
    public void undo(ContainerBuild b) {
        if (b.hasHelper() && b.helper().exited()) return;
        undoFor(b.paths());
    }

    /**
     * Without the memory of the process that made it (gc, another jlab): waits a little
     * for the kernel to remove the pair with the namespace, then deletes it if it is
     * still there (something still holds the namespace). Gone already is fine.
     */
    static void undoFor(ContainerPaths c) {
        String name = Endpoint.hostVethOf(c.id());
        java.nio.file.Path link = java.nio.file.Path.of("/sys/class/net", name);
        for (int i = 0; i < 50 && java.nio.file.Files.exists(link); i++) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!java.nio.file.Files.exists(link)) return;
        try (RtNetlink rt = RtNetlink.open()) {
            rt.deleteLink(name);
        } catch (KernelException e) {
            if (!"ENODEV".equals(e.errnoName()) && !"EINVAL".equals(e.errnoName())) throw e;
        }
    }

    @Override
    public boolean inHelper() { return false; }
}
