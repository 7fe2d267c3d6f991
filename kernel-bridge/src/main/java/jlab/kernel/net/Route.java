package jlab.kernel.net;

/**
 * An IPv4 route of the main table, as one RTM_NEWROUTE message of a dump describes it
 * ({@code ip -4 route} prints the same).
 *
 * @param destination {@code default} (0.0.0.0/0: anywhere else) or a subnet, {@code 10.88.0.0/16}
 * @param gateway     the next hop for a route through a router, or "" for a subnet reached directly
 * @param device      the ifindex of the link packets leave by (RTA_OIF), 0 when absent
 */
public record Route(String destination, String gateway, int device) {

    /** {@code default via 10.88.0.1 dev eth0}, as ip route prints it (the device by name). */
    public String describe(String deviceName) {
        return destination + (gateway.isEmpty() ? "" : " via " + gateway) + " dev " + deviceName;
    }
}
