package jlab.labs.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jlab.kernel.net.Link;
import jlab.labs.host.NetSide;
import jlab.labs.model.Text;
import jlab.labs.yaml.Signature;

/**
 * {@code bridge-port}: the namespace {@code netns} is plugged into the host's
 * bridge {@code bridge}: one of its veths has its other end on the host
 * (the host veth whose IFLA_LINK is its index, and whose index is its
 * IFLA_LINK), and that end is a port of the bridge (IFLA_MASTER is the
 * bridge's index) and UP.
 */
public final class BridgePortCheck implements CheckKind {
    @Override
    public Signature signature() { return new Signature("bridge-port", List.of("netns", "bridge"), List.of()); }

    @Override
    public Outcome check(Map<String, String> with, CheckContext context) {
        String netns = with.get("netns");
        String bridge = with.get("bridge");
        NetSide inside = NetLook.side(netns);
        if (inside == null) return NetLook.noNamespace(netns);
        NetSide host = NetSide.host();
        Optional<Link> br = host.link(bridge).filter(l -> l.kind().equals("bridge"));
        List<Evidence> evidence = new ArrayList<>();
        List<Link[]> pairs = new ArrayList<>();
        for (Link in : inside.links()) {
            if (!in.kind().equals("veth")) continue;
            for (Link out : host.links()) {
                if (out.kind().equals("veth") && out.index() == in.peer() && out.peer() == in.index() && host.samePeer(out).isEmpty()) {
                    pairs.add(new Link[] {in, out});
                }
            }
        }
        String expected = "a veth of " + netns + " whose host end is a port of " + bridge;
        if (pairs.isEmpty()) {
            evidence.add(new Evidence("rtnetlink RTM_GETLINK (" + inside.where() + ")",
                    String.join("; ", inside.links().stream().map(inside::describe).toList()), expected));
            return Outcome.fail(new Text(netns + " n'a aucun veth dont l'autre bout est sur l'hôte.", netns + " has no veth whose other end is on the host."),
                    evidence, new Text("`ip link add BOUT-HÔTE type veth peer name BOUT-NS`, puis `ip link set BOUT-NS netns " + netns + "`.",
                            "`ip link add HOST-END type veth peer name NS-END`, then `ip link set NS-END netns " + netns + "`."));
        }
        for (Link[] p : pairs) {
            evidence.add(Evidence.seen("rtnetlink RTM_GETLINK (" + inside.where() + ", host)",
                    p[0].name() + " in " + netns + " ↔ " + host.describe(p[1]) + (p[1].master() == 0 ? ", no master" : ", master " + host.name(p[1].master()))));
        }
        if (br.isEmpty()) {
            return Outcome.fail(new Text("Il n'y a pas de pont " + bridge + " sur l'hôte.", "There is no bridge " + bridge + " on the host."), evidence,
                    new Text("`ip link add " + bridge + " type bridge` d'abord.", "`ip link add " + bridge + " type bridge` first."));
        }
        for (Link[] p : pairs) {
            if (p[1].master() == br.get().index()) {
                if (p[1].up()) {
                    return Outcome.pass(new Text(netns + " est branché sur " + bridge + " : " + p[0].name() + " ↔ " + p[1].name() + ", port du pont.",
                            netns + " is plugged into " + bridge + ": " + p[0].name() + " ↔ " + p[1].name() + ", a port of the bridge."), evidence);
                }
                return Outcome.partial(0.5, new Text(p[1].name() + " est un port de " + bridge + ", mais il est DOWN.", p[1].name() + " is a port of " + bridge + ", but it is down."),
                        evidence, new Text("`ip link set " + p[1].name() + " up`.", "`ip link set " + p[1].name() + " up`."));
            }
        }
        Link out = pairs.get(0)[1];
        return Outcome.fail(new Text("Le bout hôte du veth de " + netns + " (" + out.name() + ") n'est pas branché sur " + bridge + ".",
                        "The host end of " + netns + "'s veth (" + out.name() + ") is not plugged into " + bridge + "."), evidence,
                new Text("`ip link set " + out.name() + " master " + bridge + "`.", "`ip link set " + out.name() + " master " + bridge + "`."));
    }
}
