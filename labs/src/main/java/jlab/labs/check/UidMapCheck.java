package jlab.labs.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jlab.kernel.KernelException;
import jlab.kernel.ns.Namespace;
import jlab.kernel.proc.IdMapping;
import jlab.labs.host.HostView;
import jlab.labs.host.Proc;
import jlab.labs.model.Text;
import jlab.labs.yaml.Signature;

/**
 * {@code uid-map}: a running process in a user namespace of its own, whose
 * /proc/PID/uid_map is the lab's ({@code 0 100000 65536}: ids 0..65535
 * inside are 100000..165535 outside), and which is root inside. From the
 * host, /proc/PID/status shows its uid as the host sees it — 100000 for
 * root inside — so "root inside" reads: its host uid is where the map puts 0.
 */
public final class UidMapCheck implements CheckKind {
    @Override
    public Signature signature() { return new Signature("uid-map", List.of("inside", "outside", "count"), List.of()); }

    @Override
    public Outcome check(Map<String, String> with, CheckContext context) {
        HostView host = context.host();
        IdMapping wanted = new IdMapping(Long.parseLong(with.get("inside")), Long.parseLong(with.get("outside")),
                Long.parseLong(with.get("count")));
        String want = wanted.inside() + " " + wanted.outside() + " " + wanted.count();
        List<Evidence> evidence = new ArrayList<>();
        Text near = null;
        List<Proc> own = host.inOwn(Namespace.USER);
        for (Proc p : own) {
            List<IdMapping> map;
            try {
                map = host.proc().uidMap(p.pid());
            } catch (KernelException exited) {
                continue;
            }
            String where = "/proc/" + p.pid() + "/uid_map";
            evidence.add(new Evidence(where, map.isEmpty() ? "(empty)" : describe(map), want));
            long hostUid = p.status().effectiveUid();
            if (map.equals(List.of(wanted))) {
                if (hostUid == wanted.outside()) {
                    return Outcome.pass(new Text(p.label() + " est root (uid 0) dans son espace user, uid " + hostUid + " sur l'hôte.",
                            p.label() + " is root (uid 0) in its user namespace, uid " + hostUid + " on the host."), evidence);
                }
                near = new Text(p.label() + " a la bonne uid_map mais n'y est pas root : uid " + hostUid + " vu de l'hôte, pas " + wanted.outside() + ".",
                        p.label() + " has the right uid_map but is not root in it: uid " + hostUid + " seen from the host, not " + wanted.outside() + ".");
            } else if (near == null) {
                near = map.isEmpty()
                        ? new Text("La uid_map de " + p.label() + " est vide : personne ne l'a écrite, il y est « nobody » (65534).",
                                p.label() + "'s uid_map is empty: nobody wrote it, so it is 'nobody' (65534) there.")
                        : new Text("La uid_map de " + p.label() + " est « " + describe(map) + " », pas « " + want + " ».",
                                p.label() + "'s uid_map is '" + describe(map) + "', not '" + want + "'.");
            }
        }
        Text hint = new Text("`unshare --user --map-users=" + wanted.outside() + "," + wanted.inside() + "," + wanted.count()
                + " --map-groups=" + wanted.outside() + "," + wanted.inside() + "," + wanted.count() + " --setuid 0 sh`, ou écrivez "
                + "`" + want + "` dans /proc/PID/uid_map depuis l'hôte (une seule fois : le noyau refuse une seconde écriture).",
                "`unshare --user --map-users=" + wanted.outside() + "," + wanted.inside() + "," + wanted.count()
                + " --map-groups=" + wanted.outside() + "," + wanted.inside() + "," + wanted.count() + " --setuid 0 sh`, or write "
                + "`" + want + "` to /proc/PID/uid_map from the host (once: the kernel refuses a second write).");
        if (near != null) return Outcome.fail(near, evidence, hint);
        return Outcome.fail(new Text("Aucun processus n'a d'espace de noms user à lui.", "No process has a user namespace of its own."),
                evidence, hint);
    }

    private static String describe(List<IdMapping> map) {
        return String.join("; ", map.stream().map(m -> m.inside() + " " + m.outside() + " " + m.count()).toList());
    }
}
