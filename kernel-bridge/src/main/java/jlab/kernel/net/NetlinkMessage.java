package jlab.kernel.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Builds one netlink request, byte by byte, the way the kernel reads it:
 *
 * <pre>
 * struct nlmsghdr   16 bytes  len u32 | type u16 | flags u16 | seq u32 | pid u32
 * family header     ifinfomsg 16 / ifaddrmsg 8 / rtmsg 12 bytes
 * attributes        each: len u16 | type u16 | payload | zero padding to a multiple of 4
 * </pre>
 *
 * An attribute's {@code len} counts its 4-byte header and its payload but not the
 * padding (NLA_ALIGN/NLMSG_ALIGN round up to 4). A <em>nested</em> attribute is one
 * whose payload is more attributes: {@link #begin} writes its header with length 0,
 * {@link #end} goes back and writes the length once the inner ones are known.
 * The header's {@code len} is written last, by {@link #bytes}, the same way.
 *
 * <p>Numbers are in the host's byte order (little-endian on x86_64 and arm64):
 * netlink talks to the kernel of this very machine. IP addresses are the exception,
 * kept in network order as 4 bytes, exactly as {@code struct in_addr} holds them.
 */
public final class NetlinkMessage {
    static final int HEADER_LENGTH = 16;

    private final ByteBuffer buf = ByteBuffer.allocate(4096).order(ByteOrder.nativeOrder());
    private final Deque<Integer> openNests = new ArrayDeque<>();
    private final int type;
    private final int flags;

    private NetlinkMessage(int type, int flags) {
        this.type = type;
        this.flags = flags;
        buf.position(HEADER_LENGTH); // the nlmsghdr is written by bytes(), when the length is known
    }

    /** A request of this message type (RTM_NEWLINK...), with NLM_F_REQUEST and these extra flags. */
    public static NetlinkMessage request(int type, int flags) {
        return new NetlinkMessage(type, Rtnl.NLM_F_REQUEST | flags);
    }

    public int type() { return type; }

    public int flags() { return flags; }

    /** struct ifinfomsg (16 bytes): which link, and which of its IFF_* flags to change. */
    public NetlinkMessage ifinfomsg(int family, int index, int ifFlags, int change) {
        buf.put((byte) family).put((byte) 0)  // ifi_family, padding
                .putShort((short) 0)          // ifi_type (ARPHRD_*): the kernel fills it in
                .putInt(index)                // ifi_index: 0 = "by name" or "new link"
                .putInt(ifFlags)              // ifi_flags: the values of the flags...
                .putInt(change);              // ifi_change: ...and which of them to change
        return this;
    }

    /** struct ifaddrmsg (8 bytes): an address's family, prefix length and link. */
    public NetlinkMessage ifaddrmsg(int family, int prefixLength, int scope, int index) {
        buf.put((byte) family).put((byte) prefixLength)
                .put((byte) 0)                // ifa_flags (IFA_F_*)
                .put((byte) scope)            // ifa_scope (RT_SCOPE_UNIVERSE = 0 for a global address)
                .putInt(index);               // ifa_index: the link
        return this;
    }

    /** struct rtmsg (12 bytes): a route's family, destination length, table, protocol, scope and type. */
    public NetlinkMessage rtmsg(int family, int dstLength, int table, int protocol, int scope, int routeType) {
        buf.put((byte) family).put((byte) dstLength)
                .put((byte) 0)                // rtm_src_len
                .put((byte) 0)                // rtm_tos
                .put((byte) table).put((byte) protocol).put((byte) scope).put((byte) routeType)
                .putInt(0);                   // rtm_flags
        return this;
    }

    /** An attribute with a raw payload. */
    public NetlinkMessage attr(int attrType, byte[] payload) {
        buf.putShort((short) (4 + payload.length)).putShort((short) attrType).put(payload);
        pad();
        return this;
    }

    /** A string attribute (IFLA_IFNAME, IFLA_INFO_KIND): the bytes and a terminating NUL, as iproute2 sends it. */
    public NetlinkMessage attr(int attrType, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        return attr(attrType, Arrays.copyOf(s, s.length + 1));
    }

    /** A 32-bit attribute (IFLA_MASTER, IFLA_NET_NS_PID, IFLA_NET_NS_FD), in host order. */
    public NetlinkMessage attrU32(int attrType, int value) {
        return attr(attrType, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    /** Opens a nested attribute: what follows, until {@link #end}, is its payload. */
    public NetlinkMessage begin(int attrType) {
        openNests.push(buf.position());
        buf.putShort((short) 0).putShort((short) attrType); // length fixed by end()
        return this;
    }

    /** Closes the innermost nested attribute, writing its length (header and everything inside). */
    public NetlinkMessage end() {
        int start = openNests.pop();
        buf.putShort(start, (short) (buf.position() - start));
        return this;
    }

    /** The finished message, with its nlmsghdr: total length, type, flags, this sequence number, port id 0. */
    public byte[] bytes(int sequence) {
        return bytes(sequence, 0);
    }

    /** {@link #bytes(int)} with more header flags (the socket adds NLM_F_ACK or NLM_F_DUMP). */
    byte[] bytes(int sequence, int extraFlags) {
        if (!openNests.isEmpty()) throw new IllegalStateException("a nested attribute is still open");
        int length = buf.position();
        ByteBuffer out = ByteBuffer.wrap(Arrays.copyOf(buf.array(), length)).order(ByteOrder.nativeOrder());
        out.putInt(0, length)                  // nlmsg_len: the whole message
                .putShort(4, (short) type)     // nlmsg_type: RTM_NEWLINK...
                .putShort(6, (short) (flags | extraFlags)) // nlmsg_flags: NLM_F_REQUEST|NLM_F_ACK...
                .putInt(8, sequence)           // nlmsg_seq: the answer carries it back
                .putInt(12, 0);                // nlmsg_pid: 0 = "the kernel fills in my port id"
        return out.array();
    }

    private void pad() {
        while (buf.position() % 4 != 0) buf.put((byte) 0);
    }
}
