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
 * {@code veth-pair}: the veth {@code host-link} is in the host's namespace
 * and its other end, named {@code peer}, is in the namespace {@code netns}.
 *
 * <p>A veth's IFLA_LINK is its peer's ifindex, counted in the namespace that
 * peer is in: the end inside {@code netns} whose IFLA_LINK is the host end's
 * index, while the host end's IFLA_LINK is its index, is the other end. A
 * peer still in the host shows as a host veth of that name pointing back.
 */
public final class VethPeerCheck implements CheckKind {
    @Override
    public Signature signature() { return new Signature("veth-pair", List.of("host-link", "peer", "netns"), List.of()); }

    @Override
    public Outcome check(Map<String, String> with, CheckContext context) {
        String hostName = with.get("host-link");
        String peerName = with.get("peer");
        String netns = with.get("netns");
        NetSide host = NetSide.host();
        List<Evidence> evidence = new ArrayList<>();
        Optional<Link> end = host.link(hostName);
        if (end.isEmpty()) {
            evidence.add(new Evidence("rtnetlink RTM_GETLINK (host)", "no link " + hostName, "a veth " + hostName));
            return Outcome.fail(new Text("Il n'y a pas de lien " + hostName + " sur l'hôte.", "There is no link " + hostName + " on the host."),
                    evidence, new Text("`ip link add " + hostName + " type veth peer name " + peerName + "` crée les deux bouts.",
                            "`ip link add " + hostName + " type veth peer name " + peerName + "` makes both ends."));
        }
        Link h = end.get();
        evidence.add(Evidence.seen("rtnetlink RTM_GETLINK (host)", host.describe(h) + ", ifindex " + h.index() + ", peer ifindex " + h.peer()));
        if (!h.kind().equals("veth")) {
            return Outcome.fail(new Text(hostName + " existe sur l'hôte, mais c'est un lien " + (h.kind().isEmpty() ? "physique" : h.kind()) + ", pas un veth.",
                            hostName + " exists on the host, but it is a " + (h.kind().isEmpty() ? "physical" : h.kind()) + " link, not a veth."), evidence,
                    new Text("Supprimez-le (`ip link del " + hostName + "`) et recréez-le : `ip link add " + hostName + " type veth peer name " + peerName + "`.",
                            "Delete it (`ip link del " + hostName + "`) and make it again: `ip link add " + hostName + " type veth peer name " + peerName + "`."));
        }
        Optional<Link> stillHere = host.samePeer(h);
        if (stillHere.isPresent()) {
            evidence.add(new Evidence("rtnetlink RTM_GETLINK (host)", host.describe(stillHere.get()) + ", the peer of " + hostName,
                    peerName + " in " + netns));
            return Outcome.fail(new Text(
                            "Le veth existe, mais son autre bout (" + stillHere.get().name() + ") est encore dans l'espace de noms de l'hôte.",
                            "The veth exists but its peer (" + stillHere.get().name() + ") is still in the host's namespace."), evidence,
                    new Text("`ip link set " + stillHere.get().name() + " netns " + netns + "` l'envoie dans " + netns
                            + (stillHere.get().name().equals(peerName) ? "." : " (il doit s'appeler " + peerName + " : `ip link set ... name " + peerName + "`)."),
                            "`ip link set " + stillHere.get().name() + " netns " + netns + "` sends it into " + netns
                            + (stillHere.get().name().equals(peerName) ? "." : " (it must be called " + peerName + ": `ip link set ... name " + peerName + "`).")));
        }
        NetSide inside = NetLook.side(netns);
        if (inside == null) return NetLook.noNamespace(netns);
        Optional<Link> peer = inside.link(peerName);
        if (peer.isPresent() && peer.get().kind().equals("veth") && peer.get().index() == h.peer() && peer.get().peer() == h.index()) {
            evidence.add(new Evidence("rtnetlink RTM_GETLINK (" + inside.where() + ")",
                    inside.describe(peer.get()) + ", ifindex " + peer.get().index() + ", peer ifindex " + peer.get().peer(),
                    peerName + ", the peer of " + hostName));
            return Outcome.pass(new Text(hostName + " (hôte) et " + peerName + " (" + netns + ") sont les deux bouts d'un même veth.",
                    hostName + " (host) and " + peerName + " (" + netns + ") are the two ends of one veth."), evidence);
        }
        Optional<Link> otherEnd = inside.links().stream()
                .filter(l -> l.kind().equals("veth") && l.index() == h.peer() && l.peer() == h.index()).findFirst();
        if (otherEnd.isPresent()) {
            evidence.add(new Evidence("rtnetlink RTM_GETLINK (" + inside.where() + ")", inside.describe(otherEnd.get()) + ", the peer of " + hostName,
                    peerName));
            return Outcome.partial(0.5, new Text("L'autre bout de " + hostName + " est bien dans " + netns + ", mais il s'appelle " + otherEnd.get().name() + ", pas " + peerName + ".",
                            "The other end of " + hostName + " is in " + netns + ", but it is called " + otherEnd.get().name() + ", not " + peerName + "."), evidence,
                    new Text("`ip netns exec " + netns + " ip link set " + otherEnd.get().name() + " name " + peerName + "` (le lien doit être DOWN pour changer de nom).",
                            "`ip netns exec " + netns + " ip link set " + otherEnd.get().name() + " name " + peerName + "` (the link must be DOWN to be renamed)."));
        }
        evidence.add(new Evidence("rtnetlink RTM_GETLINK (" + inside.where() + ")",
                peer.map(inside::describe).orElse("no link " + peerName), peerName + ", the peer of " + hostName));
        return Outcome.fail(new Text("L'autre bout de " + hostName + " n'est ni sur l'hôte ni dans " + netns + " : il est dans un autre espace de noms.",
                        "The other end of " + hostName + " is neither on the host nor in " + netns + ": it is in another namespace."), evidence,
                new Text("Supprimez la paire (`ip link del " + hostName + "`), recréez-la, puis `ip link set " + peerName + " netns " + netns + "`.",
                        "Delete the pair (`ip link del " + hostName + "`), make it again, then `ip link set " + peerName + " netns " + netns + "`."));
    }
}
