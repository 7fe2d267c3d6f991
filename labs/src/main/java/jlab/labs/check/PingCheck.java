package jlab.labs.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jlab.kernel.net.Route;
import jlab.labs.host.NetNamespaces;
import jlab.labs.host.NetSide;
import jlab.labs.model.Text;
import jlab.labs.yaml.Signature;

/**
 * {@code ping}: one ICMP echo from a namespace ({@code from}; none: the host)
 * to {@code to} is answered within {@value #REPLY_WAIT} s — what proves the
 * links, addresses and routes work together, more than reading each. Runs
 * the system's ping by absolute path ({@code -c 1 -W 0.2}), inside the
 * namespace with {@code nsenter --net=/run/netns/NAME}. Only addresses of the
 * labs' own namespaces are pinged: {@code to} must be in 10.0.0.0/8.
 *
 * <p>Why 0.2 s: the labs' pings cross a veth or a bridge in this very
 * kernel, whose softirq answers an echo (ARP included) in well under a
 * millisecond, whatever the load on the machine's processes; a reply that has
 * not come after 200 ms is not coming. A lost ping then costs
 * {@code lab check} 0.2 s, not ping's usual second, and the whole command
 * stays under one. (iputils reads -W with decimals since s20200821:
 * Debian 11, Ubuntu 22.04; an older one rounds 0.2 down to 0, "wait for
 * ever". Whatever it does, ping is stopped after {@value #RUN_LIMIT_MS} ms.)
 */
public final class PingCheck implements CheckKind {
    private static final Path BRIDGE_NF = Path.of("/proc/sys/net/bridge/bridge-nf-call-iptables");
    static final String REPLY_WAIT = "0.2";
    static final long RUN_LIMIT_MS = 1000;

    @Override
    public Signature signature() { return new Signature("ping", List.of("to"), List.of("from")); }

    @Override
    public Outcome check(Map<String, String> with, CheckContext context) {
        String to = with.get("to");
        String from = with.get("from");
        if (!to.matches("10\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            throw new IllegalArgumentException("ping: a lab pings its own namespaces' addresses (10.x.y.z), not " + to);
        }
        Path netns = null;
        if (from != null) {
            if (!NetNamespaces.mounted(from)) return NetLook.noNamespace(from);
            netns = NetNamespaces.path(from);
        }
        String ping = Tools.require(context, "ping", "iputils-ping");
        Tools.Ran ran = Tools.run(context, netns, List.of(ping, "-n", "-c", "1", "-W", REPLY_WAIT, to), RUN_LIMIT_MS);
        String cmd = (from == null ? "" : "nsenter --net=" + netns + " ") + "ping -c 1 -W " + REPLY_WAIT + " " + to;
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(cmd, ran.exit() == 0 ? "1 reply: " + firstReply(ran.output()) : "exit " + ran.exit() + ": " + ran.last(),
                "an echo reply from " + to));
        Text fromText = from == null ? new Text("l'hôte", "the host") : new Text(from, from);
        if (ran.exit() == 0) {
            return Outcome.pass(new Text(to + " répond au ping depuis " + fromText.fr() + ".", to + " answers a ping from " + fromText.en() + "."), evidence);
        }
        return Outcome.fail(new Text(to + " ne répond pas au ping depuis " + fromText.fr() + ".", to + " does not answer a ping from " + fromText.en() + "."),
                evidence, routeHint(from, to, evidence));
    }

    /** Why there may be no reply, from the sender's routes: no route at all is the most common. */
    private static Text routeHint(String from, String to, List<Evidence> evidence) {
        NetSide side = NetLook.side(from);
        String exec = NetLook.exec(from);
        List<String> routes = new ArrayList<>();
        for (Route r : side.routes()) routes.add(r.describe(side.name(r.device())));
        evidence.add(Evidence.seen("rtnetlink RTM_GETROUTE (" + side.where() + ")", routes.isEmpty() ? "no route" : String.join("; ", routes)));
        if (routes.isEmpty()) {
            return new Text("Aucune route " + NetLook.in(from).fr() + " : une adresse avec son /24 sur un lien UP en ajoute une (`" + exec + "ip route`).",
                    "No route at all " + NetLook.in(from).en() + ": an address with its /24 on a link that is UP adds one (`" + exec + "ip route`).");
        }
        if (bridgeGoesThroughIptables()) {
            evidence.add(Evidence.seen(BRIDGE_NF.toString(), "1"));
            return new Text("Les routes sont là. " + BRIDGE_NF + " vaut 1 : les paquets qui traversent un pont passent par la chaîne FORWARD d'iptables,"
                    + " dont la politique est peut-être DROP (Docker la met ainsi) : `iptables -S FORWARD`.",
                    "The routes are there. " + BRIDGE_NF + " is 1: packets crossing a bridge go through iptables' FORWARD chain,"
                    + " whose policy may be DROP (Docker sets it so): `iptables -S FORWARD`.");
        }
        return new Text("Suivez le paquet : `" + exec + "ip route get " + to + "`, puis l'état des deux bouts de chaque veth (`ip link`) et, pour un pont, ses ports (`bridge link`).",
                "Follow the packet: `" + exec + "ip route get " + to + "`, then the state of both ends of each veth (`ip link`) and, for a bridge, its ports (`bridge link`).");
    }

    /** br_netfilter loaded and on: bridged IPv4 goes through iptables (and its FORWARD policy). */
    private static boolean bridgeGoesThroughIptables() {
        try {
            return Files.readString(BRIDGE_NF).strip().equals("1");
        } catch (IOException absent) {
            return false;
        }
    }

    private static String firstReply(String output) {
        for (String line : output.split("\n")) {
            if (line.contains("bytes from")) return line.strip();
        }
        return output.strip();
    }
}
