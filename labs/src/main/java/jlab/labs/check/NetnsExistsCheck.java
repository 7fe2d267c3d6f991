package jlab.labs.check;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import jlab.labs.host.NetNamespaces;
import jlab.labs.model.Text;
import jlab.labs.yaml.Signature;

/**
 * {@code netns-exists}: a named network namespace, as {@code ip netns add}
 * leaves it — nsfs bind-mounted on /run/netns/NAME (seen in
 * /proc/self/mountinfo), so that it lives with no process in it.
 */
public final class NetnsExistsCheck implements CheckKind {
    @Override
    public Signature signature() { return new Signature("netns-exists", List.of("netns"), List.of()); }

    @Override
    public Outcome check(Map<String, String> with, CheckContext context) {
        String name = with.get("netns");
        OptionalLong inode = NetNamespaces.inode(name);
        if (!NetNamespaces.mounted(name)) return NetLook.noNamespace(name);
        String where = NetNamespaces.path(name).toString();
        String ns = inode.isPresent() ? "net:[" + inode.getAsLong() + "]" : "a network namespace";
        return Outcome.pass(new Text(
                        "L'espace de noms réseau " + name + " existe : " + ns + " est monté sur " + where + ".",
                        "The network namespace " + name + " exists: " + ns + " is mounted on " + where + "."),
                List.of(new Evidence("/proc/self/mountinfo", "nsfs on " + where + " (" + ns + ")", "nsfs mounted on " + where)));
    }
}
