package jlab.labs.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jlab.kernel.KernelException;
import jlab.kernel.ns.Namespace;
import jlab.labs.host.HostView;
import jlab.labs.host.Mounts;
import jlab.labs.host.NetSide;
import jlab.labs.host.Proc;
import jlab.labs.model.Text;
import jlab.labs.yaml.Signature;

/**
 * {@code container-process}: one process is what a container engine makes —
 * its own mount, UTS, IPC, PID and network namespaces, PID 1 of its PID
 * namespace, the lab's hostname, its root the lab's rootfs, and an address in
 * its network namespace. Every property is read as the other checks read it;
 * the credit is the share of them that the best process has, and the hint
 * names what it still lacks.
 */
public final class ContainerProcessCheck implements CheckKind {
    private static final List<Namespace> OWN = List.of(Namespace.MNT, Namespace.UTS, Namespace.IPC, Namespace.PID, Namespace.NET);

    @Override
    public Signature signature() { return new Signature("container-process", List.of("hostname", "rootfs", "address"), List.of()); }

    @Override
    public Outcome check(Map<String, String> with, CheckContext context) {
        HostView host = context.host();
        Proc best = null;
        Map<String, Boolean> bestSeen = null;
        for (Proc p : host.inOwn(Namespace.PID)) {
            Map<String, Boolean> seen = properties(p, host, with);
            if (bestSeen == null || count(seen) > count(bestSeen)) {
                best = p;
                bestSeen = seen;
            }
        }
        if (best == null) {
            return Outcome.fail(new Text("Aucun processus n'a d'espace PID à lui : pas de conteneur.",
                    "No process has a PID namespace of its own: no container."), List.of(),
                    new Text("`jlab lab show container` donne les étapes, une par espace de noms.", "`jlab lab show container` gives the steps, one per namespace."));
        }
        List<Evidence> evidence = new ArrayList<>();
        List<String> missingFr = new ArrayList<>();
        List<String> missingEn = new ArrayList<>();
        for (Map.Entry<String, Boolean> e : bestSeen.entrySet()) {
            evidence.add(new Evidence("/proc/" + best.pid(), e.getKey() + ": " + (e.getValue() ? "yes" : "no"), e.getKey()));
            if (!e.getValue()) {
                missingEn.add(e.getKey());
                missingFr.add(e.getKey());
            }
        }
        if (missingEn.isEmpty()) {
            return Outcome.pass(new Text(best.label() + " a tout d'un conteneur : " + String.join(", ", bestSeen.keySet()) + ".",
                    best.label() + " is a container in every way: " + String.join(", ", bestSeen.keySet()) + "."), evidence);
        }
        double credit = (double) count(bestSeen) / bestSeen.size();
        return Outcome.partial(credit, new Text("Le processus le plus avancé, " + best.label() + ", n'a pas encore : " + String.join(", ", missingFr) + ".",
                        "The furthest process, " + best.label() + ", does not have yet: " + String.join(", ", missingEn) + "."), evidence,
                new Text("Chaque propriété manquante est l'objet d'un lab à part : uts-namespace, pid-namespace, pivot-root, veth.",
                        "Each missing property is the subject of a lab of its own: uts-namespace, pid-namespace, pivot-root, veth."));
    }

    private static Map<String, Boolean> properties(Proc p, HostView host, Map<String, String> with) {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Namespace ns : OWN) seen.put("own " + ns.procName() + " namespace", p.ns(ns) != host.hostNamespace(ns));
        seen.put("PID 1", p.status().pidInInnermostNamespace() == 1);
        seen.put("hostname " + with.get("hostname"), safe(() -> host.hostname(p.pid()).equals(with.get("hostname"))));
        seen.put("root " + with.get("rootfs"), Mounts.sameFile(host.proc().root().resolve(p.pid() + "/root"), Path.of(with.get("rootfs"))));
        seen.put("address " + with.get("address") + " inside", p.ns(Namespace.NET) != host.hostNamespace(Namespace.NET)
                && safe(() -> NetSide.at(host.proc().root().resolve(p.pid() + "/ns/net")).holding(with.get("address")).isPresent()));
        return seen;
    }

    private interface Probe {
        boolean get();
    }

    /** A probe of a process that exited meanwhile is a property it does not have. */
    private static boolean safe(Probe probe) {
        try {
            return probe.get();
        } catch (KernelException exited) {
            return false;
        }
    }

    private static long count(Map<String, Boolean> seen) { return seen.values().stream().filter(b -> b).count(); }
}
