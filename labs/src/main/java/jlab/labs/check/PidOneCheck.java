package jlab.labs.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import jlab.kernel.KernelException;
import jlab.kernel.ns.Namespace;
import jlab.labs.host.HostView;
import jlab.labs.host.Proc;
import jlab.labs.model.Text;
import jlab.labs.yaml.Signature;

/**
 * {@code pid-one}: a running process is PID 1 of a PID namespace other than
 * the host's. Its /proc/PID/status line NSpid lists its pid in each PID
 * namespace it belongs to, from the host's down to its own:
 * {@code NSpid: 4242 1} is pid 4242 on the host and 1 in its own namespace.
 *
 * <p>The classic slip: {@code unshare --pid sh} without {@code --fork}. The
 * caller of unshare(CLONE_NEWPID) never moves (a process keeps its pid for
 * life); only its next child is born in the new namespace, as its PID 1. The
 * shell stays where it was, and its pid_for_children link names the new
 * namespace: the hint says so.
 */
public final class PidOneCheck implements CheckKind {
    @Override
    public Signature signature() { return new Signature("pid-one", List.of(), List.of()); }

    @Override
    public Outcome check(Map<String, String> with, CheckContext context) {
        HostView host = context.host();
        long hostPid = host.hostNamespace(Namespace.PID);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.seen("/proc/self/ns/pid (jlab's: the host's)", "pid:[" + hostPid + "]"));
        List<Proc> ones = host.pidOnes();
        if (!ones.isEmpty()) {
            Proc p = ones.get(0);
            evidence.add(new Evidence("/proc/" + p.pid() + "/status NSpid", nsPids(p), "… 1: PID 1 of its own namespace"));
            return Outcome.pass(new Text(p.label() + " est le PID 1 d'un espace de noms PID à lui (pid:[" + p.ns(Namespace.PID) + "]).",
                    p.label() + " is PID 1 of a PID namespace of its own (pid:[" + p.ns(Namespace.PID) + "])."), evidence);
        }
        for (Proc p : host.processes()) {
            OptionalLong children = forChildren(host, p);
            if (p.ns(Namespace.PID) == hostPid && children.isPresent() && children.getAsLong() != hostPid) {
                evidence.add(new Evidence("/proc/" + p.pid() + "/ns/pid_for_children", "pid:[" + children.getAsLong() + "]",
                        "its children's namespace; the process itself stays in pid:[" + hostPid + "]"));
                return Outcome.fail(new Text(p.label() + " a appelé unshare(CLONE_NEWPID) mais reste dans l'espace PID de l'hôte : seuls ses enfants naîtront dans le nouveau.",
                        p.label() + " called unshare(CLONE_NEWPID) but stays in the host's PID namespace: only its children are born in the new one."),
                        evidence, new Text("Ajoutez --fork : `unshare --pid --fork --mount-proc sh` ; l'enfant forké devient le PID 1.",
                                "Add --fork: `unshare --pid --fork --mount-proc sh`; the forked child becomes PID 1."));
            }
        }
        return Outcome.fail(new Text("Aucun processus n'est le PID 1 d'un espace de noms PID à lui.",
                        "No process is PID 1 of a PID namespace of its own."), evidence,
                new Text("`unshare --pid --fork --mount-proc sh`, et laissez ce shell ouvert : c'est lui le PID 1 (`echo $$` affiche 1).",
                        "`unshare --pid --fork --mount-proc sh`, and leave that shell open: it is PID 1 (`echo $$` prints 1)."));
    }

    static String nsPids(Proc p) {
        return String.join(" ", p.status().nsPids().stream().map(String::valueOf).toList());
    }

    private static OptionalLong forChildren(HostView host, Proc p) {
        try {
            return host.proc().namespaceForChildren(p.pid(), Namespace.PID);
        } catch (KernelException exited) {
            return OptionalLong.empty();
        }
    }
}
