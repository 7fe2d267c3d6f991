package jlab.engine.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jlab.engine.state.ContainerStore;


/**
 * {@code jlab gc}: gives the host back the default network once nothing uses
 * it — the bridge jlab0, its netfilter rules, its bookkeeping under
 * {@code /run/jlab/networks/jlab0}, and {@code ip_forward} as jlab found it.
 * Docker keeps docker0 as long as its daemon runs; jlab has no daemon, so an
 * idle jlab leaves nothing behind. The next container makes it all again.
 *
 * <p>"Unused" is read from what every jlab of the host shares, never from one
 * state directory: no address of the network is claimed (a container claims
 * its address before the bridge step, see {@code RunPlan}), and no interface
 * is plugged into the bridge ({@code /sys/class/net/jlab0/brif} is empty).
 * A container that claims an address in the instant between this check and
 * the removal would find its bridge gone; gc is a command a user runs, not a
 * background sweep, so that window is left open rather than made a lock that
 * every container start must take.
 */
public final class UnusedDefaultNetwork {
    private UnusedDefaultNetwork() {}

    /** Removes the default network if unused; returns what it removed, one line each. */
    public static List<String> removeIfUnused() {
        NetworkConfig n = NetworkStore.defaultNetwork();
        Path claims = HostWide.addresses(n.bridge());
        if (!new Claims(claims).all().isEmpty() || hasPorts(n.bridge())) return List.of();
        List<String> removed = new ArrayList<>();
        if (Files.exists(Path.of("/sys/class/net", n.bridge()))) {
            BridgeStep.remove(n); // its addresses, routes and route_localnet go with the link
            removed.add("link " + n.bridge() + " (the default network's bridge: no container uses it)");
        }
        if (Netfilter.available()) {
            for (String tag : Netfilter.backend().deleteTagged(NatRules.networkTag(n.bridge())::equals)) {
                if (!removed.contains("rules " + tag)) removed.add("rules " + tag);
            }
            List<String> shared = Netfilter.backend().removeShared();
            removed.addAll(shared);
            // No jlab network is left on the host (removeShared found no network's rule): forwarding as it was.
            if (!shared.isEmpty()) {
                String restored = IpForward.restore();
                if (restored != null) removed.add(restored);
            }
        }
        if (Files.isDirectory(claims.getParent())) {
            ContainerStore.deleteTree(claims.getParent());
            removed.add("directory " + claims.getParent());
        }
        return removed;
    }

    /** Whether any interface is plugged into the bridge: the kernel lists its ports under brif/. */
    private static boolean hasPorts(String bridge) {
        Path brif = Path.of("/sys/class/net", bridge, "brif");
        if (!Files.isDirectory(brif)) return false;
        try (Stream<Path> ports = Files.list(brif)) {
            return ports.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
