package jlab.engine.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import jlab.engine.EngineException;
import jlab.engine.Names;
import jlab.engine.state.ContainerStore;
import jlab.engine.state.StateDir;

/**
 * The networks of one state directory, {@code networks/NAME/network.json},
 * plus the default {@code bridge} (jlab0, 10.88.0.0/16 unless
 * {@code JLAB_BRIDGE_SUBNET} says otherwise) and Docker's two pseudo-networks:
 * {@code host} (the host's own network namespace) and {@code none} (a namespace
 * with only lo).
 */
public final class NetworkStore {
    public static final String HOST = "host";
    public static final String NONE = "none";
    public static final String DEFAULT_BRIDGE = "jlab0";
    public static final String DEFAULT_SUBNET = "10.88.0.0/16";
    private static final Pattern VALID_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final StateDir state;

    public NetworkStore(StateDir state) { this.state = state; }

    public Path dir() { return state.root().resolve("networks"); }

    private Path configFile(String name) { return dir().resolve(name).resolve("network.json"); }

    /**
     * The default network, which every engine of the host shares: one bridge
     * can only have one name. Its subnet is configurable (like dockerd's --bip)
     * with {@code JLAB_BRIDGE_SUBNET}; the gateway is its first address.
     */
    public static NetworkConfig defaultNetwork() {
        String env = System.getenv("JLAB_BRIDGE_SUBNET");
        Subnet subnet = Subnet.parse(env == null || env.isBlank() ? DEFAULT_SUBNET : env.trim());
        String id = "b0" + "0".repeat(62);
        return new NetworkConfig(NetworkConfig.DEFAULT, id, DEFAULT_BRIDGE, subnet.toString(), subnet.host(1).toString(),
                true, 0);
    }

    /** Whether {@code name} is a pseudo-network without a bridge (host, none). */
    public static boolean isPseudo(String name) { return HOST.equals(name) || NONE.equals(name); }

    /** A bridge network by name, or Docker's "network X not found". */
    public NetworkConfig resolve(String name) {
        if (NetworkConfig.DEFAULT.equals(name)) return defaultNetwork();
        return find(name).orElseThrow(() -> new EngineException("network " + name + " not found"
                + " (jlab network ls lists them; jlab network create " + name + " makes one)"));
    }

    public Optional<NetworkConfig> find(String name) {
        if (NetworkConfig.DEFAULT.equals(name)) return Optional.of(defaultNetwork());
        if (!VALID_NAME.matcher(name).matches()) return Optional.empty();
        Path f = configFile(name);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            return Optional.of(JSON.readValue(f.toFile(), NetworkConfig.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The default network first, then the user-defined ones by name. */
    public List<NetworkConfig> list() {
        List<NetworkConfig> all = new ArrayList<>(List.of(defaultNetwork()));
        if (!Files.isDirectory(dir())) return all;
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(dir())) {
            for (Path d : dirs) names.add(d.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.stream().sorted().forEach(n -> find(n).filter(c -> !c.shared()).ifPresent(all::add));
        return all;
    }

    /**
     * Records a new network. Its name is taken by creating its directory
     * (atomic: of two jlabs creating one name, one is told it exists); its
     * subnet must overlap no other network's nor any route of the host.
     */
    public NetworkConfig create(String name, String subnetText, String gatewayText) {
        if (!VALID_NAME.matcher(name).matches() || name.length() > 64) {
            throw new EngineException("invalid network name \"" + name + "\": only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        if (NetworkConfig.DEFAULT.equals(name) || isPseudo(name)) {
            throw new EngineException("network with name " + name + " already exists (it is one of Docker's predefined"
                    + " networks: bridge, host, none)");
        }
        Subnet subnet;
        try {
            subnet = subnetText != null ? Subnet.parse(subnetText) : freeSubnet();
        } catch (IllegalArgumentException e) {
            throw new EngineException(e.getMessage());
        }
        if (subnet.prefix() > 30) {
            throw new EngineException("subnet " + subnet + " is too small: a network needs a gateway and at least one"
                    + " container address (use a prefix of /30 or shorter)");
        }
        Ipv4 gateway = gateway(subnet, gatewayText);
        checkNoOverlap(subnet, null);
        Path dir = dir().resolve(name);
        try {
            Files.createDirectories(dir());
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            throw new EngineException("network with name " + name + " already exists (jlab network rm " + name
                    + " removes it)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String id = Names.newId();
        NetworkConfig n = new NetworkConfig(name, id, "jl-" + id.substring(0, 12), subnet.toString(), gateway.toString(),
                false, System.currentTimeMillis());
        save(n);
        return n;
    }

    private static Ipv4 gateway(Subnet subnet, String text) {
        if (text == null) return subnet.host(1);
        Ipv4 g;
        try {
            g = Ipv4.parse(text);
        } catch (IllegalArgumentException e) {
            throw new EngineException("invalid gateway " + text + ": not an IPv4 address (e.g. " + subnet.host(1) + ")");
        }
        if (!subnet.contains(g) || g.equals(subnet.network()) || g.equals(subnet.broadcast())) {
            throw new EngineException("no matching subnet for gateway " + text + ": the gateway must be a host address"
                    + " inside " + subnet);
        }
        return g;
    }

    /** Docker's "Pool overlaps with other one on this address space", naming the other one. */
    void checkNoOverlap(Subnet subnet, String except) {
        for (NetworkConfig n : list()) {
            if (n.name().equals(except)) continue;
            if (n.subnetRange().overlaps(subnet)) {
                throw new EngineException("Pool overlaps with other one on this address space: " + subnet
                        + " overlaps network " + n.name() + " (" + n.subnet() + "): choose another --subnet");
            }
        }
        for (HostRoutes.Route r : HostRoutes.read()) {
            if (r.destination().prefix() > 0 && r.destination().overlaps(subnet)) {
                throw new EngineException("Pool overlaps with other one on this address space: " + subnet
                        + " overlaps the host's route to " + r.destination() + " (dev " + r.device()
                        + "): choose another --subnet");
            }
        }
    }

    /** The first 10.89.N.0/24 that overlaps nothing (podman's choice of range). */
    private Subnet freeSubnet() {
        for (int n = 0; n < 256; n++) {
            Subnet s = Subnet.parse("10.89." + n + ".0/24");
            try {
                checkNoOverlap(s, null);
                return s;
            } catch (EngineException taken) {
                // try the next one
            }
        }
        throw new EngineException("no free subnet left in 10.89.0.0/16: give one with --subnet");
    }

    void save(NetworkConfig n) {
        Path f = configFile(n.name());
        try {
            Path tmp = f.resolveSibling(".network.json.tmp");
            JSON.writeValue(tmp.toFile(), n);
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f + ": " + e.getMessage(), e);
        }
    }

    /** Forgets a user-defined network (its bridge and rules must be gone first). */
    public void delete(String name) {
        ContainerStore.deleteTree(dir().resolve(name));
    }

    /** A short id, as {@code network ls} prints it. */
    public static String shortId(NetworkConfig n) { return n.id().substring(0, 12); }
}
