package jlab.labs.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jlab.kernel.net.Address;
import jlab.kernel.net.Link;
import jlab.kernel.net.Route;
import jlab.kernel.net.RtNetlink;

/**
 * One network namespace's links, IPv4 addresses and routes, read once over
 * rtnetlink (RTM_GETLINK, RTM_GETADDR, RTM_GETROUTE dumps: what {@code ip
 * link}, {@code ip -4 addr} and {@code ip -4 route} print). The host's is read
 * by a socket of jlab's own namespace; a named one by a socket born inside it
 * ({@link RtNetlink#openIn}): a netlink socket answers for the namespace it
 * was created in.
 *
 * @param where the namespace, as the student names it: "the host" or /run/netns/NAME
 */
public record NetSide(String where, List<Link> links, List<Address> addresses, List<Route> routes) {
    public NetSide {
        links = List.copyOf(links);
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
    }

    public static NetSide host() {
        try (RtNetlink nl = RtNetlink.open()) {
            return new NetSide("host", nl.links(), nl.addresses(), nl.routes());
        }
    }

    /** The namespace at /run/netns/NAME (the caller checked that it is mounted). */
    public static NetSide named(String name) {
        return at(NetNamespaces.path(name));
    }

    /** The namespace a file names: /run/netns/NAME, or /proc/PID/ns/net for a process's own. */
    public static NetSide at(Path file) {
        try (RtNetlink nl = RtNetlink.openIn(file)) {
            return new NetSide(file.toString(), nl.links(), nl.addresses(), nl.routes());
        }
    }

    public Optional<Link> link(String name) {
        return links.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    public Optional<Link> link(int index) {
        return links.stream().filter(l -> l.index() == index).findFirst();
    }

    public String name(int index) {
        return link(index).map(Link::name).orElse("#" + index);
    }

    public List<String> addressesOf(Link l) {
        return addresses.stream().filter(a -> a.index() == l.index()).map(Address::cidr).toList();
    }

    /** The link holding that address (10.200.0.2/24), if any. */
    public Optional<Link> holding(String cidr) {
        return addresses.stream().filter(a -> a.cidr().equals(cidr)).findFirst().flatMap(a -> link(a.index()));
    }

    /** {@code ip -br link} style: {@code jlab-veth1 veth UP 10.200.0.2/24}. */
    public String describe(Link l) {
        List<String> a = addressesOf(l);
        return l.name() + (l.kind().isEmpty() ? "" : " (" + l.kind() + ")") + " " + state(l)
                + (a.isEmpty() ? ", no address" : " " + String.join(" ", a));
    }

    /** What ip link prints after "state": the operstate, or UP/DOWN from the flag when the kernel did not say. */
    public static String state(Link l) {
        if (!l.up()) return "DOWN";
        return l.operState().isEmpty() ? "UP" : l.operState();
    }

    /** Up (IFF_UP) and carrying traffic: operstate UP, or UNKNOWN (lo, drivers that do not track it). */
    public static boolean running(Link l) {
        String s = state(l);
        return l.up() && (s.equals("UP") || s.equals("UNKNOWN"));
    }

    /**
     * The other end of a veth pair when both ends are in this same namespace:
     * a veth whose IFLA_LINK is {@code l}'s index and whose index is
     * {@code l}'s IFLA_LINK. (Across namespaces IFLA_LINK names an index of
     * the other namespace, so this is how a peer "still in the host" shows.)
     */
    public Optional<Link> samePeer(Link l) {
        if (!l.kind().equals("veth") || l.peer() == 0) return Optional.empty();
        return links.stream().filter(o -> o.index() == l.peer() && o.peer() == l.index() && o.kind().equals("veth")
                && o.index() != l.index()).findFirst();
    }
}
