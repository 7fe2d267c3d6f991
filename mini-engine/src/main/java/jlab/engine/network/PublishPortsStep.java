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
 * chain, all in one iptables-restore (EXTERNAL TOOL, see {@link Netfilter}).
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
        if (ports.isEmpty()) {
            return new Explanation("No port to publish (-p HOST:CTR would add a DNAT rule per port).",
                    "(nothing)", "(nothing)", "iptables -t nat -S " + NatRules.CHAIN);
        }
        String rules = ports.stream().map(p -> "iptables -t nat " + NatRules.portRule(p, address, tag))
                .collect(Collectors.joining("; "));
        return new Explanation(
                "Publish " + ports.stream().map(PortMapping::toString).collect(Collectors.joining(", "))
                        + ": packets for each host port, from outside or from the host itself (127.0.0.1 too), have their"
                        + " destination rewritten to the container's (DNAT). External tool: iptables-restore, one batch.",
                "iptables-restore -w --noflush <<< '*nat ... COMMIT' (" + ports.size() + " rule" + (ports.size() > 1 ? "s" : "") + ")",
                rules,
                "iptables -t nat -S " + NatRules.CHAIN + "; curl http://127.0.0.1:" + ports.get(0).hostPort() + "/");
    }

    @Override
    public void apply(ContainerBuild b) {
        List<PortMapping> ports = b.spec().publish();
        if (ports.isEmpty()) return;
        Endpoint e = Endpoint.load(b.paths()).orElseThrow(() -> new IllegalStateException("no endpoint recorded"));
        PortReservations reservations = new PortReservations();
        Path root = b.stateDir().root();
        for (PortMapping p : ports) reservations.reserve(p, b.id(), root);
        Netfilter.restore(NatRules.portBatch(ports, e.address(), NatRules.containerTag(Networks.engine(b), b.id()), true));
    }

    @Override
    public void undo(ContainerBuild b) { undoFor(b.stateDir(), b.paths()); }

    /**
     * Deletes the rules the endpoint record lists, in one batch; if that fails
     * (some were never made: a crash half-way), deletes whatever rules carry the
     * container's tag. Then frees the host ports.
     */
    static void undoFor(StateDir state, ContainerPaths c) {
        Endpoint e = Endpoint.load(c).orElse(null);
        if (e == null || e.ports().isEmpty()) return;
        String tag = NatRules.containerTag(state.cgroupParent(), c.id());
        try {
            Netfilter.restore(NatRules.portBatch(e.ports(), e.address(), tag, false));
        } catch (Netfilter.NetfilterException notAll) {
            NatRules.deleteTagged(tag::equals);
        }
        PortReservations reservations = new PortReservations();
        for (PortMapping p : e.ports()) reservations.release(p, c.id(), state.root());
    }

    @Override
    public boolean inHelper() { return false; }
}
