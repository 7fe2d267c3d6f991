package jlab.engine.network;

import java.nio.file.Path;

import jlab.engine.state.ContainerPaths;
import jlab.engine.state.StateDir;
import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Explanation;
import jlab.engine.step.Step;

/**
 * Takes an address for the container on its network, and records the whole
 * endpoint ({@code containers/ID/network.json}: address, link name, ports)
 * before anything of it is made in the kernel: whichever jlab process later
 * tears the container down, or {@code jlab gc} after a crash, knows what to undo.
 */
public final class AllocateAddressStep implements Step {
    @Override
    public String name() { return "address allocation"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        NetworkConfig n = Networks.of(b);
        Path dir = n.addressesDir(b.stateDir().root());
        String address = Endpoint.load(b.paths()).map(Endpoint::address).orElse("the lowest free one");
        return new Explanation(
                "Take an address on " + n.subnet() + " for the container (" + address + "): one file per address"
                        + " taken, created atomically, so that two jlabs never hand out the same one; then record the"
                        + " endpoint, so that any jlab can undo it later.",
                "link(\"" + dir + "/.claim-XXX\", \"" + dir + "/ADDRESS\") — fails with EEXIST if taken",
                "ls " + dir + "; cat " + Endpoint.file(b.paths()),
                "cat " + Endpoint.file(b.paths()) + " — the address, the veth's name, the published ports");
    }

    @Override
    public void apply(ContainerBuild b) {
        NetworkConfig n = Networks.of(b);
        Path root = b.stateDir().root();
        Ipv4 address = AddressAllocator.of(n, root).allocate(b.id(), root);
        new Endpoint(n.name(), n.bridge(), n.subnet(), n.gateway(), address.toString(), n.addressesDir(root).toString(),
                Endpoint.hostVethOf(b.id()), b.name(), b.hostname(), b.spec().publish()).save(b.paths());
    }

    @Override
    public void undo(ContainerBuild b) { undoFor(b.stateDir(), b.paths()); }

    /** Frees the address (whatever this container holds there) and forgets the endpoint. */
    static void undoFor(StateDir state, ContainerPaths c) {
        // A claim made but not yet recorded (a crash between the two) is freed by gc's sweep of claims.
        Endpoint.load(c).filter(e -> e.address() != null)
                .ifPresent(e -> new Claims(Path.of(e.addressesDir())).release(e.address(), Claims.owner(c.id(), state.root())));
        Endpoint.delete(c);
    }

    @Override
    public boolean inHelper() { return false; }
}
