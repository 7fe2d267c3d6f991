package jlab.engine.network;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jlab.engine.state.ContainerPaths;
import jlab.engine.state.StateDir;

/**
 * Undoes a container's network from its record alone ({@code containers/ID/network.json}),
 * in the reverse order of the plan: for {@code jlab gc}, and for any process that
 * tears down a container it did not start. Every part tolerates what never ran.
 */
public final class NetworkTeardown {
    private NetworkTeardown() {}

    /** Returns what it undid, one line each (empty when the container had no network). */
    public static List<String> teardown(StateDir state, String id) {
        ContainerPaths c = state.container(id);
        List<String> done = new ArrayList<>();
        Endpoint e = Endpoint.load(c).orElse(null);
        if (e == null) return done;
        PublishPortsStep.undoFor(state, c);
        VethStep.undoFor(c);
        HostsFilesStep.undoFor(c);
        AllocateAddressStep.undoFor(state, c);
        done.add("network endpoint " + e.hostVeth() + " (" + e.address() + " on " + e.network() + ")");
        return done;
    }

    /**
     * What a crash can leave that no endpoint record names: netfilter rules
     * tagged with this engine's containers, addresses and host ports claimed
     * for them, whose container directory is gone. {@code known} says which
     * ids still have one; {@code rules} reads the kernel's rules too (an
     * listing of the netfilter tool: {@code jlab gc} does, the sweep at every start does not).
     */
    public static List<String> sweepOrphans(StateDir state, java.util.function.Predicate<String> known, boolean rules) {
        List<String> removed = new ArrayList<>();
        String engine = state.cgroupParent();
        if (rules && Netfilter.available()) {
            String prefix = "jlab:" + engine + ":container:";
            for (String tag : Netfilter.backend().deleteTagged(t -> t.startsWith(prefix) && !known.test(t.substring(prefix.length())))) {
                if (!removed.contains("rules " + tag)) removed.add("rules " + tag);
            }
        }
        List<Path> claimDirs = new ArrayList<>(List.of(HostWide.ports(), HostWide.addresses(NetworkStore.DEFAULT_BRIDGE)));
        for (NetworkConfig n : new NetworkStore(state).list()) claimDirs.add(n.addressesDir(state.root()));
        String suffix = " " + state.root();
        for (Path dir : claimDirs.stream().distinct().toList()) {
            Claims claims = new Claims(dir);
            claims.all().forEach((name, owner) -> {
                if (!owner.endsWith(suffix)) return;
                String id = owner.substring(0, owner.length() - suffix.length());
                if (known.test(id)) return;
                claims.release(name, owner);
                removed.add("claim " + dir.resolve(name) + " (container " + id.substring(0, Math.min(12, id.length())) + ")");
            });
        }
        return removed;
    }
}
