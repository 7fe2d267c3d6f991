package jlab.kernel.net;

/**
 * A network link as one RTM_NEWLINK message of a dump describes it
 * ({@code ip -o link} prints the same).
 *
 * @param index     the ifindex, unique within its network namespace
 * @param name      IFLA_IFNAME, e.g. {@code eth0}
 * @param up        whether IFF_UP is set (administratively up: {@code ip link set NAME up})
 * @param kind      IFLA_INFO_KIND ({@code veth}, {@code bridge}), or "" for a physical or loopback device
 * @param master    IFLA_MASTER: the index of the bridge it is enslaved to, or 0
 * @param mtu       IFLA_MTU: the largest packet it sends, in bytes (0 when the message did not say)
 * @param mac       IFLA_ADDRESS: its hardware address, {@code 02:42:0a:58:00:02}, or "" (none)
 * @param operState IFLA_OPERSTATE as {@code ip link} prints it: UP, DOWN, LOWERLAYERDOWN (up, but its
 *                  veth peer is down), UNKNOWN (lo: the driver does not track it), or "" when absent
 * @param peer      IFLA_LINK: for a veth, the ifindex of its other end — in the namespace that end is in,
 *                  which may be another one; 0 when absent
 */
public record Link(int index, String name, boolean up, String kind, int master, int mtu, String mac,
                   String operState, int peer) {

    /** A link known only by its index, name, flag, kind and master (the other fields unknown). */
    public Link(int index, String name, boolean up, String kind, int master) {
        this(index, name, up, kind, master, 0, "", "", 0);
    }
}
