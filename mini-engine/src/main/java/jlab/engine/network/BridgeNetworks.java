package jlab.engine.network;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jlab.engine.EngineException;
import jlab.engine.state.StateDir;

/**
 * {@code network create/ls/rm/inspect}: user-defined networks, each with its
 * own bridge and subnet. Records first, then makes (the bridge, its NAT
 * rules); removal in the reverse order.
 */
public final class BridgeNetworks {
    /** Docker exits 1, not 125, when a network command is refused. */
    public static final int REFUSED = 1;

    private final StateDir state;
    private final NetworkStore store;

    public BridgeNetworks(StateDir state) {
        this.state = state;
        this.store = new NetworkStore(state);
    }

    public NetworkStore store() { return store; }

    public NetworkConfig create(String name, String subnet, String gateway) {
        NetworkConfig n;
        try {
            n = store.create(name, subnet, gateway);
        } catch (EngineException e) {
            throw new EngineException(e.getMessage(), REFUSED);
        }
        try {
            BridgeStep.ensure(n);
            OutboundNatStep.ensure(n);
        } catch (RuntimeException e) {
            tearDown(n);
            throw e;
        }
        return n;
    }

    /** Removes a user-defined network that no container uses. */
    public NetworkConfig remove(String name) {
        if (NetworkConfig.DEFAULT.equals(name) || NetworkStore.isPseudo(name)) {
            throw new EngineException(name + " is a pre-defined network and cannot be removed", REFUSED);
        }
        NetworkConfig n = store.find(name).orElseThrow(() -> new EngineException("network " + name + " not found", REFUSED));
        List<String> active = endpoints(n).values().stream().map(Endpoint::containerName).toList();
        if (!active.isEmpty()) {
            throw new EngineException("error while removing network: network " + name + " id " + NetworkStore.shortId(n)
                    + " has active endpoints (" + String.join(", ", active) + "): stop or remove them first", REFUSED);
        }
        tearDown(n);
        return n;
    }

    private void tearDown(NetworkConfig n) {
        BridgeStep.remove(n);
        if (Netfilter.available()) Netfilter.backend().removeNetwork(n.bridge());
        store.delete(n.name());
    }

    /** The containers on a network: name -> address, from the allocator and the containers' records. */
    public Map<String, Endpoint> endpoints(NetworkConfig n) {
        Map<String, Endpoint> out = new LinkedHashMap<>();
        new AddressAllocator(n.addressesDir(state.root()), n.subnetRange(), n.gatewayAddress()).taken().forEach((ip, owner) -> {
            int space = owner.indexOf(' ');
            if (space < 0) return;
            StateDir owners = new StateDir(Path.of(owner.substring(space + 1)));
            String id = owner.substring(0, space);
            if (!Files.isDirectory(owners.container(id).dir())) return;
            Endpoint.load(owners.container(id)).ifPresent(e -> out.put(id, e));
        });
        return out;
    }

    /** Docker's {@code network inspect} shape, for JSON. */
    public Map<String, Object> inspect(String name) {
        NetworkConfig n = name.equals(NetworkConfig.DEFAULT) ? NetworkStore.defaultNetwork()
                : store.find(name).orElseThrow(() -> new EngineException("network " + name + " not found", REFUSED));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", n.name());
        m.put("Id", n.id());
        m.put("Created", n.created());
        m.put("Driver", "bridge");
        m.put("Scope", "local");
        m.put("IPAM", Map.of("Driver", "default", "Config", List.of(Map.of("Subnet", n.subnet(), "Gateway", n.gateway()))));
        m.put("Options", Map.of("com.docker.network.bridge.name", n.bridge()));
        m.put("SharedByAllEngines", n.shared());
        Map<String, Object> containers = new LinkedHashMap<>();
        endpoints(n).forEach((id, e) -> {
            if (!n.shared() || Path.of(e.addressesDir()).startsWith(HostWide.root())) {
                containers.put(id, Map.of("Name", e.containerName(), "IPv4Address", e.cidr(), "HostVeth", e.hostVeth()));
            }
        });
        m.put("Containers", containers);
        return m;
    }

    /** {@code network ls}: every network, the pseudo ones too. */
    public List<Map<String, String>> list() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (NetworkConfig n : store.list()) rows.add(row(NetworkStore.shortId(n), n.name(), "bridge", n.subnet(), n.bridge()));
        rows.add(row("h0" + "0".repeat(10), NetworkStore.HOST, "host", "", ""));
        rows.add(row("n0" + "0".repeat(10), NetworkStore.NONE, "null", "", ""));
        return rows;
    }

    private static Map<String, String> row(String id, String name, String driver, String subnet, String bridge) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("ID", id);
        r.put("Name", name);
        r.put("Driver", driver);
        r.put("Scope", "local");
        r.put("Subnet", subnet);
        r.put("Bridge", bridge);
        return r;
    }
}
