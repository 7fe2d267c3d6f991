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
 * {@code link-address}: in a namespace ({@code netns}; none: the host's), a
 * link (the one named {@code link}, or any) holds the IPv4 address
 * {@code address} with its prefix, and is up and running: IFF_UP set
 * ({@code ip link set X up}) and operstate UP — a veth whose peer is down
 * has no carrier (NO-CARRIER, state DOWN or LOWERLAYERDOWN) and carries
 * nothing. Address right but link not running: half the points.
 */
public final class LinkAddressCheck implements CheckKind {
    @Override
    public Signature signature() { return new Signature("link-address", List.of("address"), List.of("link", "netns")); }

    @Override
    public Outcome check(Map<String, String> with, CheckContext context) {
        String cidr = with.get("address");
        String linkName = with.get("link");
        String netns = with.get("netns");
        NetSide side = NetLook.side(netns);
        if (side == null) return NetLook.noNamespace(netns);
        Text in = NetLook.in(netns);
        String where = "rtnetlink RTM_GETLINK, RTM_GETADDR (" + side.where() + ")";
        String wanted = (linkName == null ? "a link" : linkName) + " UP with " + cidr;
        List<Evidence> evidence = new ArrayList<>();
        Optional<Link> holder = side.holding(cidr);
        if (linkName != null) {
            Optional<Link> named = side.link(linkName);
            if (named.isEmpty()) {
                evidence.add(new Evidence(where, "no link " + linkName + "; links: " + names(side), wanted));
                return Outcome.fail(new Text("Il n'y a pas de lien " + linkName + " " + in.fr() + ".", "There is no link " + linkName + " " + in.en() + "."),
                        evidence, new Text("`" + NetLook.exec(netns) + "ip link` montre les liens de cet espace de noms.",
                                "`" + NetLook.exec(netns) + "ip link` shows that namespace's links."));
            }
            if (holder.isPresent() && holder.get().index() != named.get().index()) {
                evidence.add(new Evidence(where, side.describe(holder.get()), wanted));
                return Outcome.fail(new Text(cidr + " est " + in.fr() + " sur " + holder.get().name() + ", pas sur " + linkName + ".",
                                cidr + " is " + in.en() + " on " + holder.get().name() + ", not on " + linkName + "."), evidence,
                        new Text("`" + NetLook.exec(netns) + "ip addr del " + cidr + " dev " + holder.get().name() + "`, puis `" + NetLook.exec(netns) + "ip addr add " + cidr + " dev " + linkName + "`.",
                                "`" + NetLook.exec(netns) + "ip addr del " + cidr + " dev " + holder.get().name() + "`, then `" + NetLook.exec(netns) + "ip addr add " + cidr + " dev " + linkName + "`."));
            }
            if (holder.isEmpty()) {
                Link l = named.get();
                evidence.add(new Evidence(where, side.describe(l), wanted));
                return Outcome.fail(new Text("Pas d'adresse " + cidr + " " + in.fr() + " : " + l.name() + " a " + addrs(side, l, "aucune adresse") + ".",
                                "No address " + cidr + " " + in.en() + ": " + l.name() + " has " + addrs(side, l, "no address") + "."), evidence,
                        new Text("`" + NetLook.exec(netns) + "ip addr add " + cidr + " dev " + linkName + "` (le /24 compte : il dit quels voisins sont joignables directement).",
                                "`" + NetLook.exec(netns) + "ip addr add " + cidr + " dev " + linkName + "` (the /24 matters: it says which neighbours are reachable directly)."));
            }
        }
        if (holder.isEmpty()) {
            evidence.add(new Evidence(where, "no link holds " + cidr + "; " + summary(side), wanted));
            return Outcome.fail(new Text("Pas d'adresse " + cidr + " " + in.fr() + ".", "No address " + cidr + " " + in.en() + "."), evidence,
                    new Text("`" + NetLook.exec(netns) + "ip addr add " + cidr + " dev LIEN` sur le bout de veth " + (netns == null ? "de l'hôte" : "de " + netns)
                            + " (vérifiez le préfixe : `" + NetLook.exec(netns) + "ip -4 addr`).",
                            "`" + NetLook.exec(netns) + "ip addr add " + cidr + " dev LINK` on " + (netns == null ? "the host's" : netns + "'s") + " end of the veth"
                            + " (check the prefix: `" + NetLook.exec(netns) + "ip -4 addr`)."));
        }
        Link l = holder.get();
        // `ip link set up` sets IFF_UP at once; the operstate follows a moment later (the kernel's
        // linkwatch work). A check run right after it waits that moment rather than report a transient.
        for (int i = 0; i < 10 && l.up() && !NetSide.running(l); i++) {
            sleep100();
            side = NetLook.side(netns);
            if (side == null) return NetLook.noNamespace(netns);
            Optional<Link> again = side.holding(cidr);
            if (again.isEmpty()) break;
            l = again.get();
        }
        evidence.add(new Evidence(where, side.describe(l), wanted));
        if (NetSide.running(l)) {
            return Outcome.pass(new Text(l.name() + " a " + cidr + " " + in.fr() + " et il est UP.", l.name() + " has " + cidr + " " + in.en() + " and is UP."), evidence);
        }
        if (!l.up()) {
            return Outcome.partial(0.5, new Text(l.name() + " a bien " + cidr + ", mais " + l.name() + " est DOWN.", l.name() + " has " + cidr + ", but " + l.name() + " is down."),
                    evidence, new Text("`" + NetLook.exec(netns) + "ip link set " + l.name() + " up`.", "`" + NetLook.exec(netns) + "ip link set " + l.name() + " up`."));
        }
        return Outcome.partial(0.5, new Text(l.name() + " a " + cidr + " et il est levé, mais son état est " + NetSide.state(l) + " : l'autre bout du câble est DOWN.",
                        l.name() + " has " + cidr + " and is set up, but its state is " + NetSide.state(l) + ": the other end of the cable is down."),
                evidence, new Text("Levez aussi l'autre bout du veth (`ip link set NOM up` dans son espace de noms).",
                        "Set the veth's other end up too (`ip link set NAME up` in its namespace)."));
    }

    private static void sleep100() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String addrs(NetSide side, Link l, String none) {
        List<String> a = side.addressesOf(l);
        return a.isEmpty() ? none : String.join(", ", a);
    }

    private static String names(NetSide side) {
        return String.join(", ", side.links().stream().map(Link::name).toList());
    }

    private static String summary(NetSide side) {
        return String.join("; ", side.links().stream().map(side::describe).toList());
    }
}
