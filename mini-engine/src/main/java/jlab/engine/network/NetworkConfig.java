package jlab.engine.network;

import java.nio.file.Path;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A network containers can join: a Linux bridge (a virtual switch on the host),
 * its subnet, and the gateway address the bridge itself holds. Kept in
 * {@code networks/NAME/network.json}.
 *
 * @param name    what the user calls it: "bridge" (the default) or a name from {@code network create}
 * @param id      64 hex digits, as Docker's
 * @param bridge  the bridge's link name: jlab0 for the default, {@code jl-} and 12 hex digits of the id otherwise
 * @param subnet  e.g. 10.88.0.0/16
 * @param gateway the bridge's own address, the containers' default route
 * @param shared  true for the default network: every state directory of the host uses the one bridge jlab0,
 *                so its addresses are handed out host-wide ({@link HostWide}); a user-defined one is its engine's
 * @param created milliseconds since the epoch
 */
public record NetworkConfig(String name, String id, String bridge, String subnet, String gateway, boolean shared,
                            long created) {
    public static final String DEFAULT = "bridge";

    @JsonIgnore
    public Subnet subnetRange() { return Subnet.parse(subnet); }

    @JsonIgnore
    public Ipv4 gatewayAddress() { return Ipv4.parse(gateway); }

    /** The gateway with its prefix, as the bridge holds it: 10.88.0.1/16. */
    @JsonIgnore
    public String gatewayCidr() { return gateway + "/" + subnetRange().prefix(); }

    /** Where its addresses are handed out. */
    public Path addressesDir(Path stateDir) {
        return shared ? HostWide.addresses(bridge) : stateDir.resolve("networks").resolve(name).resolve("addresses");
    }

    /** Whether containers on it find each other by name (Docker: on user-defined networks only). */
    @JsonIgnore
    public boolean namesPeers() { return !shared; }
}
