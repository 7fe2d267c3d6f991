package jlab.kernel.net;

import static jlab.kernel.net.Rtnl.*;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jlab.kernel.KernelException;
import jlab.kernel.ns.Namespace;
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
        AtomicReference<NetlinkSocket> socket = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                Syscalls.get().setns(netnsFile, Namespace.NET);
                socket.set(NetlinkSocket.open());
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "jlab-netns-" + netnsFile.getFileName());
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw KernelException.of("setns", "\"" + netnsFile + "\", CLONE_NEWNET", "interrupted while joining the namespace");
        }
        if (failure.get() != null) throw failure.get();
        return new RtNetlink(socket.get());
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

    /** Reads one link from an RTM_NEWLINK body: ifinfomsg, then attributes. Package-private for tests. */
    static Link link(ByteBuffer body) {
        int index = body.getInt(4);
        boolean up = (body.getInt(8) & IFF_UP) != 0;
        String name = "";
        String kind = "";
        int master = 0;
        for (int at = 16; at + 4 <= body.limit(); ) {
            int length = body.getShort(at) & 0xffff;
            int type = body.getShort(at + 2) & 0x3fff; // the top two bits are flags (NLA_F_NESTED...)
            if (length < 4) break;
            if (type == IFLA_IFNAME) name = string(body, at + 4, length - 4);
            if (type == IFLA_MASTER) master = body.getInt(at + 4);
            if (type == IFLA_LINKINFO) kind = kind(body, at + 4, at + length);
            at += NetlinkSocket.align(length);
        }
        return new Link(index, name, up, kind, master);
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
