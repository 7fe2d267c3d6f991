package jlab.labs.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jlab.kernel.ns.Namespace;
import jlab.labs.host.HostView;
import jlab.labs.host.Proc;
import jlab.labs.model.Text;
import jlab.labs.yaml.Signature;

/**
 * {@code uts-hostname}: some running process has a UTS namespace of its own
 * (its /proc/PID/ns/uts names another inode than the host's), and that
 * namespace's hostname is the lab's. {@code unshare --uts sh -c 'hostname
 * jlab-uts; sleep infinity'} passes; so does {@code jlab run -d --hostname
 * jlab-uts busybox sleep 1000}.
 */
public final class UtsHostnameCheck implements CheckKind {
    @Override
    public Signature signature() { return new Signature("uts-hostname", List.of("hostname"), List.of()); }

    @Override
    public Outcome check(Map<String, String> with, CheckContext context) {
        String wanted = with.get("hostname");
        HostView host = context.host();
        long hostUts = host.hostNamespace(Namespace.UTS);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.seen("/proc/self/ns/uts (jlab's: the host's)", "uts:[" + hostUts + "], hostname " + host.hostHostname()));
        List<Proc> own = host.inOwn(Namespace.UTS);
        for (Proc p : own) {
            String name = host.hostname(p.pid());
            if (name.equals(wanted)) {
                evidence.add(new Evidence("/proc/" + p.pid() + "/ns/uts", "uts:[" + p.ns(Namespace.UTS) + "], hostname " + name,
                        "a UTS namespace other than uts:[" + hostUts + "], hostname " + wanted));
                return Outcome.pass(new Text(
                        p.label() + " a son propre espace de noms UTS, dont le nom d'hôte est " + wanted + ".",
                        p.label() + " has a UTS namespace of its own, whose hostname is " + wanted + "."), evidence);
            }
        }
        if (host.hostHostname().equals(wanted)) {
            return Outcome.fail(new Text(
                    "C'est le nom d'hôte de l'hôte lui-même qui vaut " + wanted + " : aucun processus n'a ce nom dans un espace UTS à lui.",
                    "The host's own hostname is " + wanted + ": no process has that name in a UTS namespace of its own."), evidence,
                    new Text("`hostname` a été lancé dans l'espace UTS de l'hôte. Remettez son nom (`hostname ANCIEN-NOM`), puis `unshare --uts` d'abord.",
                            "`hostname` ran in the host's UTS namespace. Put its name back (`hostname OLD-NAME`), then `unshare --uts` first."));
        }
        if (own.isEmpty()) {
            return Outcome.fail(new Text(
                    "Aucun processus n'a d'espace de noms UTS à lui : tous partagent uts:[" + hostUts + "] avec l'hôte.",
                    "No process has a UTS namespace of its own: all share uts:[" + hostUts + "] with the host."), evidence,
                    new Text("Le processus doit encore tourner : `unshare --uts sh`, puis `hostname " + wanted + "` dans ce shell, et laissez-le ouvert.",
                            "The process must still run: `unshare --uts sh`, then `hostname " + wanted + "` in that shell, and leave it open."));
        }
        List<String> names = new ArrayList<>();
        for (Proc p : own) {
            String name = host.hostname(p.pid());
            evidence.add(Evidence.seen("/proc/" + p.pid() + "/ns/uts", "uts:[" + p.ns(Namespace.UTS) + "], hostname " + name));
            if (!names.contains(name)) names.add(name);
        }
        return Outcome.fail(new Text(
                "Des processus ont leur propre espace UTS, mais leur nom d'hôte est " + String.join(", ", names) + ", pas " + wanted + ".",
                "Processes have UTS namespaces of their own, but their hostname is " + String.join(", ", names) + ", not " + wanted + "."),
                evidence, new Text("Dans ce shell : `hostname " + wanted + "` (il ne change que son espace UTS).",
                        "In that shell: `hostname " + wanted + "` (it changes only its own UTS namespace)."));
    }
}
