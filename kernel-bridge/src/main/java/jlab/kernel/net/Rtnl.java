package jlab.kernel.net;

/**
 * The numbers of rtnetlink, copied from the kernel's uapi headers
 * ({@code linux/netlink.h}, {@code linux/rtnetlink.h}, {@code linux/if_link.h},
 * {@code linux/if_addr.h}, {@code linux/veth.h}). They are the whole protocol:
 * a request is a header, a fixed struct, and a list of (type, value) attributes
 * whose types are these numbers.
 */
final class Rtnl {
    private Rtnl() {}

    // netlink.h — message types every netlink family shares, and header flags.
    static final int NLMSG_ERROR = 2;   // an ack (error 0) or a failure (-errno)
    static final int NLMSG_DONE = 3;    // the end of a multi-part dump
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_MULTI = 0x2;  // part of a dump: more follow until NLMSG_DONE
    static final int NLM_F_ACK = 0x4;    // "answer even when all went well"
    static final int NLM_F_DUMP = 0x300; // NLM_F_ROOT | NLM_F_MATCH: "all of them"
    static final int NLM_F_EXCL = 0x200; // with CREATE: fail with EEXIST if it exists
    static final int NLM_F_CREATE = 0x400;

    // rtnetlink.h — the message types of NETLINK_ROUTE.
    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_SETLINK = 19;
    static final int RTM_NEWADDR = 20;
    static final int RTM_GETADDR = 22;
    static final int RTM_NEWROUTE = 24;
    static final int RTM_GETROUTE = 26;

    // socket.h address families, as the family byte of the fixed structs.
    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;

    // if.h
    static final int IFF_UP = 0x1;

    // if_link.h — attributes of a link (after struct ifinfomsg).
    static final int IFLA_ADDRESS = 1;     // the hardware (MAC) address
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFLA_LINK = 5;        // a veth's peer ifindex
    static final int IFLA_OPERSTATE = 16;  // u8, RFC 2863: 0 unknown ... 6 up
    static final int IFLA_MASTER = 10;
    static final int IFLA_LINKINFO = 18;   // nested: IFLA_INFO_*
    static final int IFLA_NET_NS_PID = 19; // "move it into the netns of this process"
    static final int IFLA_NET_NS_FD = 28;  // "move it into the netns this fd names"
    static final int IFLA_INFO_KIND = 1;   // "veth", "bridge", ...
    static final int IFLA_INFO_DATA = 2;   // nested: the kind's own attributes
    // veth.h — inside IFLA_INFO_DATA of a veth: the peer, as an ifinfomsg and its own IFLA_* attributes.
    static final int VETH_INFO_PEER = 1;

    // if_addr.h — attributes of an address (after struct ifaddrmsg).
    static final int IFA_ADDRESS = 1;   // the peer's address on point-to-point links; else the same as IFA_LOCAL
    static final int IFA_LOCAL = 2;     // the address of this interface
    static final int IFA_BROADCAST = 4;

    // rtnetlink.h — route attributes and the rtmsg fields' values.
    static final int RTA_DST = 1;
    static final int RTA_OIF = 4;
    static final int RTA_GATEWAY = 5;
    static final int RTA_TABLE = 15;       // u32: the table, when it does not fit rtm_table's byte
    static final int RT_TABLE_MAIN = 254;
    static final int RTPROT_BOOT = 3;       // "installed by hand or at boot", what `ip route add` uses
    static final int RT_SCOPE_UNIVERSE = 0; // a route to anywhere, through a gateway
    static final int RTN_UNICAST = 1;
}
