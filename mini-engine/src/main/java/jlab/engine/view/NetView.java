package jlab.engine.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jlab.kernel.net.Address;
import jlab.kernel.net.Link;
import jlab.kernel.net.Route;
import jlab.kernel.net.RtNetlink;
import jlab.kernel.ns.Namespace;
import jlab.kernel.proc.ProcFs;

/**
 * {@code net}: the container's network namespace from inside (its links,
 * IPv4 addresses and routes, as {@code ip addr} and {@code ip route} would
 * print them in there) and, outside, the host's end of each of its veth
 * pairs with the bridge it is plugged into.
 *
 * <p>Inside is read over an rtnetlink socket opened in the container's
 * namespace ({@link RtNetlink#openIn}: a short-lived thread setns(2)'s into
 * /proc/PID/ns/net and makes the socket; a socket answers for the namespace
 * it was born in). A veth's IFLA_LINK names its peer's ifindex in the peer's
 * namespace: the host link with that index whose own peer is our end is the
 * other end of the pair.
 *
 * @param sharesHostNetwork the container is in the host's network namespace (--network host,
 *                          or before the {@code unshare net} step): inside is the host
 * @param inside            the container's links
 * @param routes            its routes, the device by name
 * @param outside           host-side ends of its veths, with their bridge
 */
public record NetView(boolean sharesHostNetwork, List<LinkRow> inside, List<String> routes, List<LinkRow> outside) {
    /**
     * A link and its IPv4 addresses.
     *
     * @param bridge the bridge it is plugged into ("" when none), with the bridge's addresses
     */
    public record LinkRow(String name, String state, String mac, int mtu, List<String> addresses, String kind,
                          String bridge, List<String> bridgeAddresses) {}

    public static NetView of(long pid, long hostPid) {
        ProcFs proc = ProcFs.host();
        Map<Namespace, Long> mine = proc.namespaces(pid);
        boolean shared = mine.get(Namespace.NET).equals(proc.namespaces(hostPid).get(Namespace.NET));
        try (RtNetlink in = RtNetlink.openIn(proc.root().resolve(pid + "/ns/net"))) {
            Side inside = new Side(in.links(), in.addresses());
            List<String> routes = new ArrayList<>();
            for (Route r : in.routes()) routes.add(r.describe(inside.name(r.device())));
            List<LinkRow> outside = new ArrayList<>();
            if (!shared) {
                try (RtNetlink host = RtNetlink.open()) {
                    Side h = new Side(host.links(), host.addresses());
                    for (Link l : inside.links) {
                        if (!l.kind().equals("veth")) continue;
                        for (Link peer : h.links) {
                            if (peer.index() == l.peer() && peer.peer() == l.index() && peer.kind().equals("veth")) {
                                outside.add(h.row(peer));
                            }
                        }
                    }
                }
            }
            return new NetView(shared, inside.rows(), routes, outside);
        }
    }

    /** One namespace's links and addresses, read once. */
    private static final class Side {
        final List<Link> links;
        final List<Address> addresses;

        Side(List<Link> links, List<Address> addresses) {
            this.links = links;
            this.addresses = addresses;
        }

        String name(int index) {
            return links.stream().filter(l -> l.index() == index).map(Link::name).findFirst().orElse("#" + index);
        }

        List<String> addressesOf(int index) {
            return addresses.stream().filter(a -> a.index() == index).map(Address::cidr).toList();
        }

        LinkRow row(Link l) {
            String bridge = l.master() == 0 ? "" : name(l.master());
            return new LinkRow(l.name(), l.operState().isEmpty() ? (l.up() ? "UP" : "DOWN") : l.operState(), l.mac(),
                    l.mtu(), addressesOf(l.index()), l.kind(), bridge,
                    l.master() == 0 ? List.of() : addressesOf(l.master()));
        }

        List<LinkRow> rows() {
            return links.stream().map(this::row).toList();
        }
    }
}
