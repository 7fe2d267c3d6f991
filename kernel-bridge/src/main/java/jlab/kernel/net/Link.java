package jlab.kernel.net;

/**
 * A network link as one RTM_NEWLINK message of a dump describes it
 * ({@code ip -o link} prints the same).
 *
 * @param index  the ifindex, unique within its network namespace
 * @param name   IFLA_IFNAME, e.g. {@code eth0}
 * @param up     whether IFF_UP is set (administratively up: {@code ip link set NAME up})
 * @param kind   IFLA_INFO_KIND ({@code veth}, {@code bridge}), or "" for a physical or loopback device
 * @param master IFLA_MASTER: the index of the bridge it is enslaved to, or 0
 */
public record Link(int index, String name, boolean up, String kind, int master) {}
