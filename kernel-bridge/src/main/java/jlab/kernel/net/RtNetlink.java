package jlab.kernel.net;

import static jlab.kernel.net.Rtnl.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jlab.kernel.KernelException;
import jlab.kernel.ns.Namespace;
import jlab.kernel.ns.NamespaceThread;
import jlab.kernel.syscall.Syscalls;

/**
 * The network operations a container engine needs — veth pairs, bridges,
 * addresses, a default route, moving a link into a namespace — as rtnetlink
 * requests, the very messages {@code ip} sends (compare with
 * {@code strace -e sendmsg ip link add jl0 type veth peer name jl1}).
 *
 * <p>Every operation acts on the network namespace its socket was created in:
 * {@link #open()} for the calling thread's, {@link #openIn(Path)} for another.
 * Each returns the {@link NetOp} it performed (what it did, and the {@code ip}
 * command that does the same), and throws a {@link KernelException} carrying
 * the rtnetlink message type, the {@code ip} command, the errno and a hint.
 */
public final class RtNetlink implements AutoCloseable {
    private final NetlinkSocket socket;

    private RtNetlink(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Operations on the calling thread's network namespace. */
    public static RtNetlink open() {
        return new RtNetlink(NetlinkSocket.open());
    }

    /**
     * Operations on the network namespace that {@code netnsFile} names
     * ({@code /run/netns/NAME} or {@code /proc/PID/ns/net}).
     *
     * <p>A netlink socket belongs, for its whole life, to the network namespace
     * of the thread that created it. So a new thread joins the namespace
     * (setns(2) of one thread: a Java thread is one kernel task), creates the
     * socket and ends, taking its namespace with it; the socket stays in that
     * namespace and any thread may use it. The caller's thread never moves.
     */
    public static RtNetlink openIn(Path netnsFile) {
        return new RtNetlink(NamespaceThread.call(netnsFile, Namespace.NET, NetlinkSocket::open));
    }

    // tag::veth[]
    /** A veth pair: two links joined like the two ends of a cable. */
    public NetOp createVeth(String name, String peer) {
        NetOp op = NetOp.createVeth(name, peer);
        socket.request(newVeth(name, peer, 0, 0), "RTM_NEWLINK", op.ipCommand());
        return op;
    }
    // end::veth[]

    /**
     * A veth pair whose peer the kernel creates straight in the network namespace
     * of process {@code pid} (IFLA_NET_NS_PID inside the VETH_INFO_PEER nest):
     * the peer never appears here.
     */
    public NetOp createVethWithPeerIn(String name, String peer, long pid) {
        NetOp op = NetOp.createVethWithPeerIn(name, peer, String.valueOf(pid));
        socket.request(newVeth(name, peer, IFLA_NET_NS_PID, (int) pid), "RTM_NEWLINK", op.ipCommand());
        return op;
    }

    /** {@link #createVethWithPeerIn(String, String, long)}, the namespace named by a file (IFLA_NET_NS_FD). */
    public NetOp createVethWithPeerIn(String name, String peer, Path netnsFile) {
        NetOp op = NetOp.createVethWithPeerIn(name, peer, netnsFile.toString());
        int fd = Syscalls.get().openReadOnly(netnsFile);
        try {
            socket.request(newVeth(name, peer, IFLA_NET_NS_FD, fd), "RTM_NEWLINK", op.ipCommand());
        } finally {
            Syscalls.get().close(fd);
        }
        return op;
    }

    /**
     * RTM_NEWLINK of a veth. The peer is described the way a link is, nested three deep:
     * IFLA_LINKINFO { IFLA_INFO_KIND "veth", IFLA_INFO_DATA { VETH_INFO_PEER { ifinfomsg, IFLA_IFNAME, [netns] } } }.
     * {@code netnsAttr} is 0 for "here", or IFLA_NET_NS_PID / IFLA_NET_NS_FD with its value.
     */
    static NetlinkMessage newVeth(String name, String peer, int netnsAttr, int netnsValue) {
        NetlinkMessage m = NetlinkMessage.request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL)
                .ifinfomsg(AF_UNSPEC, 0, 0, 0)
                .attr(IFLA_IFNAME, name)
                .begin(IFLA_LINKINFO)
                    .attr(IFLA_INFO_KIND, "veth")
                    .begin(IFLA_INFO_DATA)
                        .begin(VETH_INFO_PEER)
                            .ifinfomsg(AF_UNSPEC, 0, 0, 0)
                            .attr(IFLA_IFNAME, peer);
        if (netnsAttr != 0) m.attrU32(netnsAttr, netnsValue);
        return m.end().end().end();
    }

    /** A bridge: a virtual switch whose ports are the links enslaved to it. */
    public NetOp createBridge(String name) {
        NetOp op = NetOp.createBridge(name);
        NetlinkMessage m = NetlinkMessage.request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL)
                .ifinfomsg(AF_UNSPEC, 0, 0, 0)
                .attr(IFLA_IFNAME, name)
                .begin(IFLA_LINKINFO)
                    .attr(IFLA_INFO_KIND, "bridge")
                .end();
        socket.request(m, "RTM_NEWLINK", op.ipCommand());
        return op;
    }

    /** Plugs {@code link} into {@code bridge}: IFLA_MASTER carries the bridge's index. */
    public NetOp setMaster(String link, String bridge) {
        NetOp op = NetOp.setMaster(link, bridge);
        socket.request(setLink(link).attrU32(IFLA_MASTER, index(bridge)), "RTM_SETLINK", op.ipCommand());
        return op;
    }

    /** Sets IFF_UP: ifi_change says which flag to change, ifi_flags its new value. */
    public NetOp setUp(String link) {
        NetOp op = NetOp.setUp(link);
        socket.request(NetlinkMessage.request(RTM_SETLINK, 0).ifinfomsg(AF_UNSPEC, 0, IFF_UP, IFF_UP)
                .attr(IFLA_IFNAME, link), "RTM_SETLINK", op.ipCommand());
        return op;
    }

    /** Clears IFF_UP. */
    public NetOp setDown(String link) {
        NetOp op = NetOp.setDown(link);
        socket.request(NetlinkMessage.request(RTM_SETLINK, 0).ifinfomsg(AF_UNSPEC, 0, 0, IFF_UP)
                .attr(IFLA_IFNAME, link), "RTM_SETLINK", op.ipCommand());
        return op;
    }

    /** Moves {@code link} into the network namespace of process {@code pid}; it disappears from here. */
    public NetOp moveToNamespace(String link, long pid) {
        NetOp op = NetOp.moveToNamespace(link, String.valueOf(pid));
        socket.request(setLink(link).attrU32(IFLA_NET_NS_PID, (int) pid), "RTM_SETLINK", op.ipCommand());
        return op;
    }

    /** Moves {@code link} into the network namespace a file names ({@code /run/netns/NAME}), by fd. */
    public NetOp moveToNamespace(String link, Path netnsFile) {
        NetOp op = NetOp.moveToNamespace(link, netnsFile.toString());
        int fd = Syscalls.get().openReadOnly(netnsFile);
        try {
            socket.request(setLink(link).attrU32(IFLA_NET_NS_FD, fd), "RTM_SETLINK", op.ipCommand());
        } finally {
            Syscalls.get().close(fd);
        }
        return op;
    }

    /** RTM_SETLINK of a link named by IFLA_IFNAME (ifi_index 0 asks the kernel to look the name up). */
    private static NetlinkMessage setLink(String link) {
        return NetlinkMessage.request(RTM_SETLINK, 0).ifinfomsg(AF_UNSPEC, 0, 0, 0).attr(IFLA_IFNAME, link);
    }

    /**
     * An IPv4 address, {@code "10.0.0.1/24"}. IFA_LOCAL is the interface's own
     * address; IFA_ADDRESS is the other end's on a point-to-point link and the
     * same as IFA_LOCAL everywhere else. With it the kernel also adds the route
     * to the subnet (10.0.0.0/24 dev LINK scope link).
     */
    public NetOp addAddress(String link, String cidr) {
        NetOp op = NetOp.addAddress(link, cidr);
        int slash = cidr.indexOf('/');
        if (slash < 0) throw new IllegalArgumentException("not an address/prefix: " + cidr);
        byte[] address = ipv4(cidr.substring(0, slash));
        int prefix = Integer.parseInt(cidr.substring(slash + 1));
        if (prefix < 0 || prefix > 32) throw new IllegalArgumentException("prefix length out of 0..32: " + cidr);
        NetlinkMessage m = NetlinkMessage.request(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL)
                .ifaddrmsg(AF_INET, prefix, RT_SCOPE_UNIVERSE, index(link))
                .attr(IFA_LOCAL, address)
                .attr(IFA_ADDRESS, address);
        socket.request(m, "RTM_NEWADDR", op.ipCommand());
        return op;
    }

    /**
     * The default route (destination 0.0.0.0/0) via {@code gateway}, in the main
     * table. The kernel finds the outgoing link itself: the one whose subnet holds
     * the gateway — so give a link such an address, and set it up, first.
     */
    public NetOp addDefaultRoute(String gateway) {
        NetOp op = NetOp.addDefaultRoute(gateway);
        NetlinkMessage m = NetlinkMessage.request(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL)
                .rtmsg(AF_INET, 0, RT_TABLE_MAIN, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST)
                .attr(RTA_GATEWAY, ipv4(gateway));
        socket.request(m, "RTM_NEWROUTE", op.ipCommand());
        return op;
    }

    /** Deletes a link; deleting either end of a veth pair deletes both. */
    public NetOp deleteLink(String name) {
        NetOp op = NetOp.deleteLink(name);
        socket.request(NetlinkMessage.request(RTM_DELLINK, 0).ifinfomsg(AF_UNSPEC, 0, 0, 0)
                .attr(IFLA_IFNAME, name), "RTM_DELLINK", op.ipCommand());
        return op;
    }

    /** Every link of this namespace: an RTM_GETLINK dump, one RTM_NEWLINK message per link. */
    public List<Link> links() {
        NetlinkMessage m = NetlinkMessage.request(RTM_GETLINK, 0).ifinfomsg(AF_UNSPEC, 0, 0, 0);
        List<Link> links = new ArrayList<>();
        for (NetlinkSocket.Received r : socket.dump(m, "RTM_GETLINK")) {
            if (r.type() == RTM_NEWLINK) links.add(link(r.body()));
        }
        return links;
    }

    /** The ifindex of {@code name} in this namespace; ENODEV if there is no such link. */
    public int index(String name) {
        for (Link l : links()) {
            if (l.name().equals(name)) return l.index();
        }
        throw new KernelException("RTM_GETLINK", name, "ENODEV", 19, NetlinkHints.forFailure("RTM_GETLINK", "ENODEV"));
    }

    /**
     * The IPv4 addresses of this namespace: an RTM_GETADDR dump
     * ({@code ip -4 addr}), one RTM_NEWADDR message per address.
     */
    public List<Address> addresses() {
        NetlinkMessage m = NetlinkMessage.request(RTM_GETADDR, 0).ifaddrmsg(AF_INET, 0, 0, 0);
        List<Address> addresses = new ArrayList<>();
        for (NetlinkSocket.Received r : socket.dump(m, "RTM_GETADDR")) {
            if (r.type() == RTM_NEWADDR) address(r.body()).ifPresent(addresses::add);
        }
        return addresses;
    }

    /**
     * The IPv4 routes of the main table: an RTM_GETROUTE dump ({@code ip -4 route}).
     * The kernel's own table "local" (routes to this host's addresses and broadcasts)
     * is left out, as ip route leaves it out.
     */
    public List<Route> routes() {
        NetlinkMessage m = NetlinkMessage.request(RTM_GETROUTE, 0).rtmsg(AF_INET, 0, 0, 0, 0, 0);
        List<Route> routes = new ArrayList<>();
        for (NetlinkSocket.Received r : socket.dump(m, "RTM_GETROUTE")) {
            if (r.type() == RTM_NEWROUTE) route(r.body()).ifPresent(routes::add);
        }
        return routes;
    }

    /** Reads one link from an RTM_NEWLINK body: ifinfomsg, then attributes. Package-private for tests. */
    static Link link(ByteBuffer body) {
        int index = body.getInt(4);
        boolean up = (body.getInt(8) & IFF_UP) != 0;
        String name = "";
        String kind = "";
        int master = 0;
        int mtu = 0;
        String mac = "";
        String operState = "";
        int peer = 0;
        for (int at = 16; at + 4 <= body.limit(); ) {
            int length = body.getShort(at) & 0xffff;
            int type = body.getShort(at + 2) & 0x3fff; // the top two bits are flags (NLA_F_NESTED...)
            if (length < 4) break;
            if (type == IFLA_IFNAME) name = string(body, at + 4, length - 4);
            if (type == IFLA_MASTER) master = body.getInt(at + 4);
            if (type == IFLA_LINKINFO) kind = kind(body, at + 4, at + length);
            if (type == IFLA_MTU) mtu = body.getInt(at + 4);
            if (type == IFLA_ADDRESS) mac = mac(body, at + 4, length - 4);
            if (type == IFLA_OPERSTATE) operState = operState(body.get(at + 4) & 0xff);
            if (type == IFLA_LINK) peer = body.getInt(at + 4);
            at += NetlinkSocket.align(length);
        }
        return new Link(index, name, up, kind, master, mtu, mac, operState, peer);
    }

    /** Reads one IPv4 address from an RTM_NEWADDR body: ifaddrmsg (8 bytes), then attributes. Package-private for tests. */
    static Optional<Address> address(ByteBuffer body) {
        if ((body.get(0) & 0xff) != AF_INET) return Optional.empty();
        int prefix = body.get(1) & 0xff;
        int index = body.getInt(4);
        String local = "";
        String address = "";
        for (int at = 8; at + 4 <= body.limit(); ) {
            int length = body.getShort(at) & 0xffff;
            if (length < 4) break;
            int type = body.getShort(at + 2) & 0x3fff;
            // IFA_LOCAL is this side's address; IFA_ADDRESS the same, except on a point-to-point link
            if (type == IFA_LOCAL && length >= 8) local = dotted(body, at + 4);
            if (type == IFA_ADDRESS && length >= 8) address = dotted(body, at + 4);
            at += NetlinkSocket.align(length);
        }
        String ip = local.isEmpty() ? address : local;
        return ip.isEmpty() ? Optional.empty() : Optional.of(new Address(index, ip + "/" + prefix));
    }

    /** Reads one IPv4 unicast route of the main table from an RTM_NEWROUTE body: rtmsg (12 bytes), then attributes. */
    static Optional<Route> route(ByteBuffer body) {
        if ((body.get(0) & 0xff) != AF_INET || (body.get(7) & 0xff) != RTN_UNICAST) return Optional.empty();
        int dstLength = body.get(1) & 0xff;
        int table = body.get(4) & 0xff;
        String destination = "";
        String gateway = "";
        int device = 0;
        for (int at = 12; at + 4 <= body.limit(); ) {
            int length = body.getShort(at) & 0xffff;
            if (length < 4) break;
            int type = body.getShort(at + 2) & 0x3fff;
            if (type == RTA_DST && length >= 8) destination = dotted(body, at + 4);
            if (type == RTA_GATEWAY && length >= 8) gateway = dotted(body, at + 4);
            if (type == RTA_OIF) device = body.getInt(at + 4);
            if (type == RTA_TABLE) table = body.getInt(at + 4);
            at += NetlinkSocket.align(length);
        }
        if (table != RT_TABLE_MAIN) return Optional.empty();
        String dst = dstLength == 0 ? "default" : (destination.isEmpty() ? "0.0.0.0" : destination) + "/" + dstLength;
        return Optional.of(new Route(dst, gateway, device));
    }

    /** Four bytes in network order as {@code 10.88.0.2}. */
    private static String dotted(ByteBuffer body, int from) {
        return (body.get(from) & 0xff) + "." + (body.get(from + 1) & 0xff) + "."
                + (body.get(from + 2) & 0xff) + "." + (body.get(from + 3) & 0xff);
    }

    /** A hardware address as {@code 02:42:0a:58:00:02}; "" for a link with none or all zeros (lo). */
    private static String mac(ByteBuffer body, int from, int length) {
        StringBuilder s = new StringBuilder();
        boolean zero = true;
        for (int i = 0; i < length; i++) {
            int b = body.get(from + i) & 0xff;
            if (b != 0) zero = false;
            if (i > 0) s.append(':');
            s.append(String.format("%02x", b));
        }
        return zero ? "" : s.toString();
    }

    /** RFC 2863's operational states, as if.h numbers them and ip link names them. */
    private static String operState(int value) {
        return switch (value) {
            case 1 -> "NOTPRESENT";
            case 2 -> "DOWN";
            case 3 -> "LOWERLAYERDOWN";
            case 4 -> "TESTING";
            case 5 -> "DORMANT";
            case 6 -> "UP";
            default -> "UNKNOWN";
        };
    }

    private static String kind(ByteBuffer body, int from, int to) {
        for (int at = from; at + 4 <= to; ) {
            int length = body.getShort(at) & 0xffff;
            if (length < 4) break;
            if ((body.getShort(at + 2) & 0x3fff) == IFLA_INFO_KIND) return string(body, at + 4, length - 4);
            at += NetlinkSocket.align(length);
        }
        return "";
    }

    private static String string(ByteBuffer body, int from, int length) {
        int n = 0;
        while (n < length && body.get(from + n) != 0) n++;
        byte[] bytes = new byte[n];
        body.get(from, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** "10.0.0.1" as 4 bytes in network order (no DNS: only a dotted quad is accepted). */
    static byte[] ipv4(String dotted) {
        String[] parts = dotted.split("\\.", -1);
        if (parts.length != 4) throw new IllegalArgumentException("not an IPv4 address: " + dotted);
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = Integer.parseInt(parts[i]);
            if (v < 0 || v > 255) throw new IllegalArgumentException("not an IPv4 address: " + dotted);
            bytes[i] = (byte) v;
        }
        return bytes;
    }

    @Override
    public void close() {
        socket.close();
    }
}
