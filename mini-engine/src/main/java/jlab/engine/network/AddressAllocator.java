package jlab.engine.network;

import java.nio.file.Path;
import java.util.Map;

import jlab.engine.EngineException;

/**
 * Hands out a network's addresses, one file per address taken
 * ({@code addresses/10.88.0.5}, holding "ID STATEDIR"), created atomically
 * (see {@link Claims}): safe when several jlab processes start containers at
 * once, and it survives jlab itself, so that another process can free it.
 */
public final class AddressAllocator {
    private final Claims claims;
    private final Subnet subnet;
    private final Ipv4 gateway;

    public AddressAllocator(Path dir, Subnet subnet, Ipv4 gateway) {
        this.claims = new Claims(dir);
        this.subnet = subnet;
        this.gateway = gateway;
    }

    public static AddressAllocator of(NetworkConfig n, Path stateDir) {
        return new AddressAllocator(n.addressesDir(stateDir), n.subnetRange(), n.gatewayAddress());
    }

    public Path dir() { return claims.dir(); }

    /** The lowest free address: neither the network, its broadcast, nor the gateway. */
    public Ipv4 allocate(String id, Path stateDir) {
        String owner = Claims.owner(id, stateDir);
        for (long n = 1; n < subnet.size() - 1; n++) {
            Ipv4 a = subnet.host(n);
            if (a.equals(gateway)) continue;
            if (claims.claim(a.toString(), owner)) return a;
        }
        throw new EngineException("no free address left in " + subnet + ": remove containers, or use a network with a larger subnet");
    }

    public void release(Ipv4 address, String id, Path stateDir) {
        claims.release(address.toString(), Claims.owner(id, stateDir));
    }

    /** Address -> "ID STATEDIR". */
    public Map<String, String> taken() { return claims.all(); }
}
