package jlab.engine.network;

import java.nio.file.Path;

import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Explanation;
import jlab.engine.step.Step;
import jlab.kernel.net.RtNetlink;

/**
 * Inside the container's network namespace: eth0 gets its address and comes
 * up, and the default route goes via the gateway (the bridge's address). jlab
 * does it from the host, with a netlink socket opened in that namespace (a
 * thread joins it with setns(2) just to create the socket): the container's
 * process itself is never asked, and no tool runs in it.
 */
public final class ContainerAddressStep implements Step {
    @Override
    public String name() { return "address and route"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        String pid = Networks.pid(b);
        NetworkConfig n = Networks.of(b);
        String cidr = Endpoint.load(b.paths()).map(Endpoint::cidr).orElse("ADDRESS/" + n.subnetRange().prefix());
        return new Explanation(
                "Give eth0 its address " + cidr + ", bring it up, and route everything else via the gateway "
                        + n.gateway() + ", in the container's network namespace.",
                "setns(open(\"/proc/" + pid + "/ns/net\"), CLONE_NEWNET) in a thread; socket(AF_NETLINK, ..., NETLINK_ROUTE);"
                        + " RTM_NEWADDR, RTM_SETLINK IFF_UP, RTM_NEWROUTE 0.0.0.0/0 via " + n.gateway(),
                "nsenter --net --target " + pid + " sh -c 'ip addr add " + cidr + " dev eth0; ip link set eth0 up;"
                        + " ip route add default via " + n.gateway() + "'",
                "nsenter --net --target " + pid + " ip route — default via " + n.gateway() + " dev eth0");
    }

    @Override
    public void apply(ContainerBuild b) {
        Endpoint e = Endpoint.load(b.paths()).orElseThrow(() -> new IllegalStateException("no endpoint recorded"));
        try (RtNetlink rt = RtNetlink.openIn(Path.of("/proc/" + b.initPid() + "/ns/net"))) {
            rt.addAddress("eth0", e.cidr());
            rt.setUp("eth0");
            rt.addDefaultRoute(e.gateway());
        }
    }

    @Override
    public boolean inHelper() { return false; }
}
