package jlab.engine.network;

import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Explanation;
import jlab.engine.step.Step;
import jlab.kernel.net.RtNetlink;

/**
 * Plugs the host end of the veth into the bridge and brings it up: frames from
 * eth0 now reach the bridge, which switches them to the other containers or up
 * to the host (the gateway). Nothing to undo: deleting the veth unplugs it.
 */
public final class AttachStep implements Step {
    @Override
    public String name() { return "plug into bridge"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        String host = Endpoint.hostVethOf(b.id());
        String bridge = Networks.of(b).bridge();
        return new Explanation(
                "Plug " + host + " into the bridge " + bridge + " and bring it up.",
                "rtnetlink: RTM_SETLINK {IFLA_IFNAME \"" + host + "\", IFLA_MASTER index(" + bridge + ")}; RTM_SETLINK IFF_UP",
                "ip link set " + host + " master " + bridge + "; ip link set " + host + " up",
                "bridge link show dev " + host + " — master " + bridge + ", state forwarding");
    }

    @Override
    public void apply(ContainerBuild b) {
        String host = Endpoint.hostVethOf(b.id());
        try (RtNetlink rt = RtNetlink.open()) {
            rt.setMaster(host, Networks.of(b).bridge());
            rt.setUp(host);
        }
    }

    @Override
    public boolean inHelper() { return false; }
}
