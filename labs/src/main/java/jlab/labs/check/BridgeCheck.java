package jlab.labs.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jlab.kernel.net.Link;
import jlab.labs.host.NetSide;
import jlab.labs.model.Text;
import jlab.labs.yaml.Signature;

/**
 * {@code bridge}: the host has a bridge {@code bridge}, UP, holding
 * {@code address}, with at least {@code ports} links plugged in. A bridge is
 * a switch in the kernel; its ports are the links whose IFLA_MASTER is the
 * bridge, listed in /sys/class/net/BRIDGE/brif. A bridge with no port up
 * reads NO-CARRIER (operstate DOWN), so only the address and IFF_UP are
 * demanded here.
 */
public final class BridgeCheck implements CheckKind {
    static final Path SYS_NET = Path.of("/sys/class/net");

    @Override
    public Signature signature() { return new Signature("bridge", List.of("bridge", "address", "ports"), List.of()); }

    @Override
    public Outcome check(Map<String, String> with, CheckContext context) {
        String name = with.get("bridge");
        String cidr = with.get("address");
        int wantPorts = Integer.parseInt(with.get("ports"));
        NetSide host = NetSide.host();
        Optional<Link> found = host.link(name);
        String where = "rtnetlink RTM_GETLINK (host)";
        String expected = "a bridge " + name + " up with " + cidr + " and " + wantPorts + " ports";
        if (found.isEmpty() || !found.get().kind().equals("bridge")) {
            return Outcome.fail(found.isEmpty()
                            ? new Text("Il n'y a pas de pont " + name + " sur l'hôte.", "There is no bridge " + name + " on the host.")
                            : new Text(name + " existe, mais c'est un lien " + found.get().kind() + ", pas un pont.", name + " exists, but it is a " + found.get().kind() + " link, not a bridge."),
                    List.of(new Evidence(where, found.map(host::describe).orElse("no link " + name), expected)),
                    new Text("`ip link add " + name + " type bridge`, puis `ip addr add " + cidr + " dev " + name + "` et `ip link set " + name + " up`.",
                            "`ip link add " + name + " type bridge`, then `ip addr add " + cidr + " dev " + name + "` and `ip link set " + name + " up`."));
        }
        Link br = found.get();
        List<String> ports = ports(name);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(where, host.describe(br), expected));
        evidence.add(new Evidence(SYS_NET.resolve(name).resolve("brif").toString(), ports.isEmpty() ? "no port" : String.join(" ", ports),
                "at least " + wantPorts + " ports"));
        List<Text> wrong = new ArrayList<>();
        List<Text> hints = new ArrayList<>();
        if (!host.addressesOf(br).contains(cidr)) {
            wrong.add(new Text("pas d'adresse " + cidr, "no address " + cidr));
            hints.add(new Text("`ip addr add " + cidr + " dev " + name + "`", "`ip addr add " + cidr + " dev " + name + "`"));
        }
        if (!br.up()) {
            wrong.add(new Text("il est DOWN", "it is down"));
            hints.add(new Text("`ip link set " + name + " up`", "`ip link set " + name + " up`"));
        }
        if (ports.size() < wantPorts) {
            wrong.add(ports.isEmpty() ? new Text("il n'a aucun port", "it has no port")
                    : new Text("il n'a que " + ports.size() + " port" + (ports.size() > 1 ? "s" : "") + " (" + String.join(", ", ports) + ")",
                               "it has only " + (ports.size() == 1 ? "one port" : ports.size() + " ports") + " (" + String.join(", ", ports) + ")"));
            hints.add(new Text("`ip link set BOUT-HÔTE master " + name + "` pour chaque veth", "`ip link set HOST-END master " + name + "` for each veth"));
        }
        if (wrong.isEmpty()) {
            return Outcome.pass(new Text("Le pont " + name + " est UP, a " + cidr + " et " + ports.size() + " ports : " + String.join(", ", ports) + ".",
                    "The bridge " + name + " is up, has " + cidr + " and " + ports.size() + " ports: " + String.join(", ", ports) + "."), evidence);
        }
        Text msg = new Text("Le pont " + name + " existe, mais " + String.join(", ", wrong.stream().map(Text::fr).toList()) + ".",
                "Bridge " + name + " exists, but " + String.join(", ", wrong.stream().map(Text::en).toList()) + ".");
        Text hint = new Text(String.join(" ; ", hints.stream().map(Text::fr).toList()) + ".", String.join("; ", hints.stream().map(Text::en).toList()) + ".");
        return Outcome.partial(0.5, msg, evidence, hint);
    }

    /** The bridge's ports: /sys/class/net/BRIDGE/brif has one entry per link enslaved to it. */
    static List<String> ports(String bridge) {
        Path brif = SYS_NET.resolve(bridge).resolve("brif");
        if (!Files.isDirectory(brif)) return List.of();
        try (Stream<Path> s = Files.list(brif)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
