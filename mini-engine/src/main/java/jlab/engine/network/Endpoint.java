package jlab.engine.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

import jlab.engine.state.ContainerPaths;

/**
 * A container's place on a network, as {@code containers/ID/network.json}
 * records it. It is written BEFORE the link, the rules and the hosts files are
 * made, so that any later jlab process (the one that stops a detached
 * container, or {@code jlab gc} after a crash) can undo them from this file
 * alone, without the memory of the process that made them.
 *
 * @param network       the network's name
 * @param bridge        its bridge's link name
 * @param subnet        its subnet
 * @param gateway       the container's default route
 * @param address       the container's address on it
 * @param addressesDir  the allocator's directory where {@code address} is claimed
 * @param hostVeth      the host's end of the veth pair (the container's end is eth0)
 * @param containerName the container's name, which its peers resolve (user-defined networks)
 * @param hostname      the container's hostname
 * @param ports         the published ports
 */
public record Endpoint(String network, String bridge, String subnet, String gateway, String address,
                       String addressesDir, String hostVeth, String containerName, String hostname,
                       List<PortMapping> ports) {

    public Endpoint {
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    public static Path file(ContainerPaths c) { return c.dir().resolve("network.json"); }

    public static Optional<Endpoint> load(ContainerPaths c) {
        Path f = file(c);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            return Optional.of(NetworkStore.JSON.readValue(f.toFile(), Endpoint.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void save(ContainerPaths c) {
        Path f = file(c);
        try {
            Files.createDirectories(c.dir());
            Path tmp = c.dir().resolve(".network.json.tmp");
            NetworkStore.JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f + ": " + e.getMessage(), e);
        }
    }

    public static void delete(ContainerPaths c) {
        try {
            Files.deleteIfExists(file(c));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The address with its prefix, as eth0 holds it: 10.88.0.5/16. */
    public String cidr() { return address + "/" + Subnet.parse(subnet).prefix(); }

    /** The host end of a container's veth pair: "vj" and the first 12 hex digits of its id (IFNAMSIZ allows 15). */
    public static String hostVethOf(String containerId) { return "vj" + containerId.substring(0, 12); }
}
