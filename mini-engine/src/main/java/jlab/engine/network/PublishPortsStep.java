package jlab.engine.network;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import jlab.engine.state.ContainerPaths;
import jlab.engine.state.StateDir;
import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Explanation;
import jlab.engine.step.Step;

/**
 * Publishes the container's ports (-p): takes each host port (host-wide, see
 * {@link PortReservations}), then adds one DNAT rule per port to the JLAB
 * chain, all in one batch of the netfilter tool (EXTERNAL TOOL, see {@link Netfilter}).
 * Each rule carries the container's tag, so gc finds it. Why DNAT rather than
 * a userland proxy: see {@link NatRules}.
 */
public final class PublishPortsStep implements Step {
    @Override
    public String name() { return "publish ports"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        List<PortMapping> ports = b.spec().publish();
        String address = Endpoint.load(b.paths()).map(Endpoint::address).orElse("ADDRESS");
        String tag = NatRules.containerTag(Networks.engine(b), b.id());
        NetfilterBackend nf = Netfilter.explained();
        if (ports.isEmpty()) {
            return new Explanation("No port to publish (-p HOST:CTR would add a DNAT rule per port).",
                    "(nothing)", "(nothing)", nf.listCommand());
        }
        return new Explanation(
                "Publish " + ports.stream().map(PortMapping::toString).collect(Collectors.joining(", "))
                        + ": packets for each host port, from outside or from the host itself (127.0.0.1 too), have their"
                        + " destination rewritten to the container's (DNAT). External tool: " + nf.tool() + ", one batch.",
                nf.tool() + " (" + ports.size() + " rule" + (ports.size() > 1 ? "s" : "") + ")",
                nf.portCommands(ports, address, tag),
                nf.listCommand() + "; curl http://127.0.0.1:" + ports.get(0).hostPort() + "/");
    }

    @Override
    public void apply(ContainerBuild b) {
        List<PortMapping> ports = b.spec().publish();
        if (ports.isEmpty()) return;
        Endpoint e = Endpoint.load(b.paths()).orElseThrow(() -> new IllegalStateException("no endpoint recorded"));
        PortReservations reservations = new PortReservations();
        Path root = b.stateDir().root();
        for (PortMapping p : ports) reservations.reserve(p, b.id(), root);
        Netfilter.backend().addPorts(ports, e.address(), NatRules.containerTag(Networks.engine(b), b.id()));
    }

    @Override
    public void undo(ContainerBuild b) { undoFor(b.stateDir(), b.paths()); }

    /**
     * Deletes the container's port rules (tolerant of a crash half-way: see the
     * backends' removePorts). Then frees the host ports.
     */
    static void undoFor(StateDir state, ContainerPaths c) {
        Endpoint e = Endpoint.load(c).orElse(null);
        if (e == null || e.ports().isEmpty()) return;
        String tag = NatRules.containerTag(state.cgroupParent(), c.id());
        Netfilter.backend().removePorts(e.ports(), e.address(), tag);
        PortReservations reservations = new PortReservations();
        for (PortMapping p : e.ports()) reservations.release(p, c.id(), state.root());
    }

    @Override
    public boolean inHelper() { return false; }
}
