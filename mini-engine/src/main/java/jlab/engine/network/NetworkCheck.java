package jlab.engine.network;

import java.util.HashSet;
import java.util.Set;

import jlab.engine.ContainerSpec;
import jlab.engine.EngineException;

/**
 * What can be checked of a container's network before anything is made, so
 * that bad input leaves nothing behind: the network exists, the host has
 * iptables or nft for its NAT, every published port is free and named once.
 */
public final class NetworkCheck {
    private NetworkCheck() {}

    public static void validate(ContainerSpec spec, NetworkStore networks) {
        String name = spec.network();
        if (NetworkStore.isPseudo(name)) {
            if (!spec.publish().isEmpty()) {
                throw new EngineException("published ports need a bridge network: with --network " + name
                        + " there is no address to forward them to (drop -p, or use --network bridge)");
            }
            return;
        }
        networks.resolve(name);
        Netfilter.backend();
        Set<String> seen = new HashSet<>();
        for (PortMapping p : spec.publish()) {
            if (!seen.add(PortReservations.key(p))) {
                throw new EngineException("invalid -p " + p + ": host port " + p.hostPort() + "/" + p.protocol()
                        + " is published twice");
            }
            PortReservations.checkFree(p);
        }
    }
}
