package jlab.engine.network;

import java.util.List;

import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Explanation;
import jlab.engine.step.Step;
import jlab.kernel.KernelException;
import jlab.kernel.net.Link;
import jlab.kernel.net.RtNetlink;

/**
 * The network's bridge: a virtual switch on the host, whose ports will be the
 * host ends of the containers' veth pairs. It holds the gateway address, so
 * the host is the containers' router. Made on first use (the first container,
 * or {@code network create}) and kept afterwards, as docker0 is: other
 * containers, maybe of another jlab, are plugged into it.
 */
public final class BridgeStep implements Step {
    @Override
    public String name() { return "bridge"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        NetworkConfig n = Networks.of(b);
        return new Explanation(
                "Make sure the network's bridge " + n.bridge() + " exists, up, with the gateway " + n.gatewayCidr()
                        + ": a virtual switch on the host that the containers of network " + n.name()
                        + " plug into, and their router to the rest of the world.",
                "rtnetlink: RTM_NEWLINK {IFLA_IFNAME \"" + n.bridge() + "\", IFLA_INFO_KIND \"bridge\"}, RTM_NEWADDR, RTM_SETLINK IFF_UP"
                        + " (only if it is missing)",
                "ip link add " + n.bridge() + " type bridge; ip addr add " + n.gatewayCidr() + " dev " + n.bridge()
                        + "; ip link set " + n.bridge() + " up",
                "ip -br addr show " + n.bridge() + "; bridge link — the containers' veths, once plugged in");
    }

    @Override
    public void apply(ContainerBuild b) { ensure(Networks.of(b)); }

    /** Creates the bridge if it is missing; a jlab making it at the same moment (EEXIST) is fine. */
    public static void ensure(NetworkConfig n) {
        try (RtNetlink rt = RtNetlink.open()) {
            List<Link> links = rt.links();
            Link bridge = links.stream().filter(l -> l.name().equals(n.bridge())).findFirst().orElse(null);
            if (bridge == null) {
                tolerateExists(() -> rt.createBridge(n.bridge()));
                tolerateExists(() -> rt.addAddress(n.bridge(), n.gatewayCidr()));
                rt.setUp(n.bridge());
            } else if (!bridge.up()) {
                rt.setUp(n.bridge());
            }
        }
    }

    /** Deletes a network's bridge (network rm); missing already is fine. */
    public static void remove(NetworkConfig n) {
        try (RtNetlink rt = RtNetlink.open()) {
            rt.deleteLink(n.bridge());
        } catch (KernelException e) {
            if (!"ENODEV".equals(e.errnoName())) throw e;
        }
    }

    static void tolerateExists(Runnable r) {
        try {
            r.run();
        } catch (KernelException e) {
            if (!"EEXIST".equals(e.errnoName())) throw e;
        }
    }

    @Override
    public boolean inHelper() { return false; }
}
