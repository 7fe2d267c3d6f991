package jlab.kernel.net;

/**
 * An IPv4 address of a link, as one RTM_NEWADDR message of a dump describes it
 * ({@code ip -4 -o addr} prints the same).
 *
 * @param index the ifindex of the link it is on
 * @param cidr  the address and its prefix length, {@code 10.88.0.2/16}: the prefix says which
 *              neighbours are reachable directly (the kernel adds a route for that subnet)
 */
public record Address(int index, String cidr) {}
