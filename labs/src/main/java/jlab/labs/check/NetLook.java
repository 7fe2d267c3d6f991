package jlab.labs.check;

import java.util.List;

import jlab.labs.host.NetNamespaces;
import jlab.labs.host.NetSide;
import jlab.labs.model.Text;

/**
 * What the network checks share: reading a namespace by the lab's name (no
 * name: the host's), and the one failure every one of them can meet first —
 * the named namespace is not there.
 */
final class NetLook {
    private NetLook() {}

    /** The host's side when {@code netns} is null, else /run/netns/NAME's; null when that one is not mounted. */
    static NetSide side(String netns) {
        if (netns == null) return NetSide.host();
        return NetNamespaces.mounted(netns) ? NetSide.named(netns) : null;
    }

    /** "in jlab-net" / "on the host", for messages. */
    static Text in(String netns) {
        return netns == null ? new Text("sur l'hôte", "on the host") : new Text("dans " + netns, "in " + netns);
    }

    static Outcome noNamespace(String netns) {
        String where = NetNamespaces.path(netns).toString();
        boolean plain = NetNamespaces.plainFile(netns);
        return Outcome.fail(new Text(
                        plain ? where + " existe, mais ce n'est qu'un fichier : aucun espace de noms réseau n'y est monté."
                              : "Il n'y a pas d'espace de noms réseau " + netns + " (rien n'est monté sur " + where + ").",
                        plain ? where + " exists, but it is only a file: no network namespace is mounted on it."
                              : "There is no network namespace " + netns + " (nothing is mounted on " + where + ")."),
                List.of(new Evidence("/proc/self/mountinfo", plain ? where + " is a plain file" : "no nsfs mount on " + where,
                        "nsfs mounted on " + where)),
                new Text(plain ? "Supprimez le fichier (`rm " + where + "`), puis `ip netns add " + netns + "` : ip crée le fichier et y monte l'espace."
                               : "`ip netns add " + netns + "` crée l'espace et le garde en vie en le montant sur " + where + ".",
                         plain ? "Remove the file (`rm " + where + "`), then `ip netns add " + netns + "`: ip makes the file and mounts the namespace on it."
                               : "`ip netns add " + netns + "` makes the namespace and keeps it alive by mounting it on " + where + "."));
    }

    /** "ip netns exec jlab-a " or "" for the host: the command prefix a hint shows. */
    static String exec(String netns) {
        return netns == null ? "" : "ip netns exec " + netns + " ";
    }
}
