package jlab.labs.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jlab.kernel.KernelException;
import jlab.kernel.ns.Namespace;
import jlab.labs.host.HostView;
import jlab.labs.host.Proc;
import jlab.labs.host.SysvIpc.IpcObject;
import jlab.labs.host.SysvIpc.Table;
import jlab.labs.model.Text;
import jlab.labs.yaml.Signature;

/**
 * {@code ipc-object}: a running process is in an IPC namespace of its own,
 * and that namespace holds a System V object of the lab's kind
 * ({@code object: msg}, a message queue; {@code shm}, a shared memory
 * segment; {@code sem}, a semaphore set). {@code unshare --ipc sh}, then
 * {@code ipcmk -Q} in that shell, passes.
 *
 * <p>An IPC object belongs to the IPC namespace it was made in, and lives as
 * long as that namespace: the host's {@code ipcs} never shows it, and it goes
 * when the last process of the namespace exits. So no file of the host tells
 * what a namespace holds: /proc/sysvipc answers for the reader's namespace,
 * and the check reads it from a thread that joined the process's
 * ({@code nsenter --ipc --target PID ipcs -q}).
 */
public final class IpcObjectCheck implements CheckKind {
    @Override
    public Signature signature() { return new Signature("ipc-object", List.of("object"), List.of()); }

    @Override
    public Outcome check(Map<String, String> with, CheckContext context) {
        HostView host = context.host();
        Table table = Table.named(with.get("object"));
        long hostIpc = host.hostNamespace(Namespace.IPC);
        List<IpcObject> onHost = host.hostIpcObjects(table);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.seen("/proc/sysvipc/" + table.file() + " (jlab's: the host's ipc:[" + hostIpc + "])", describe(onHost)));
        List<Long> seen = new ArrayList<>();
        List<Proc> empty = new ArrayList<>();
        for (Proc p : host.inOwn(Namespace.IPC)) {
            if (seen.contains(p.ns(Namespace.IPC))) continue; // one look per namespace
            seen.add(p.ns(Namespace.IPC));
            List<IpcObject> objects;
            try {
                objects = host.ipcObjects(p.pid(), table);
            } catch (KernelException exited) {
                continue; // it ended between the listing and the setns: not part of what the student left
            }
            String where = "/proc/sysvipc/" + table.file() + " in ipc:[" + p.ns(Namespace.IPC) + "] (pid " + p.pid() + "'s)";
            if (!objects.isEmpty()) {
                evidence.add(new Evidence(where, describe(objects), "a " + table.en() + " in an IPC namespace other than ipc:[" + hostIpc + "]"));
                return Outcome.pass(new Text(
                        p.label() + " est dans un espace de noms IPC à lui, qui contient : " + describe(objects) + " ; l'hôte ne le voit pas.",
                        p.label() + " is in an IPC namespace of its own, which holds " + describe(objects) + "; the host does not see it."),
                        evidence);
            }
            evidence.add(Evidence.seen(where, "(none)"));
            empty.add(p);
        }
        Text hint = new Text("Dans un shell lancé par `unshare --ipc sh` : `" + table.ipcmk() + "`, puis `ipcs " + table.ipcsOption()
                + "` pour la voir ; laissez ce shell ouvert (l'espace de noms, et ce qu'il contient, disparaît avec son dernier processus).",
                "In a shell started by `unshare --ipc sh`: `" + table.ipcmk() + "`, then `ipcs " + table.ipcsOption()
                + "` to see it; leave that shell open (the namespace, and what it holds, goes with its last process).");
        if (!onHost.isEmpty()) {
            String ids = String.join(" ", onHost.stream().map(o -> table.ipcsOption() + " " + o.id()).toList()); // ipcrm -q 0 -q 1
            return Outcome.fail(new Text(
                    "Aucun espace de noms IPC à part ne contient de " + table.fr() + ", mais celui de l'hôte en a : " + describe(onHost) + ".",
                    "No IPC namespace of its own holds a " + table.en() + ", but the host's has: " + describe(onHost) + "."), evidence,
                    new Text("Si c'est votre `" + table.ipcmk() + "`, il a tourné dans l'espace IPC de l'hôte : faites le ménage (`ipcrm " + ids + "`), puis `unshare --ipc sh` d'abord, et `" + table.ipcmk() + "` dans ce shell.",
                            "If that is your `" + table.ipcmk() + "`, it ran in the host's IPC namespace: remove it (`ipcrm " + ids + "`), then `unshare --ipc sh` first, and `" + table.ipcmk() + "` in that shell."));
        }
        if (!empty.isEmpty()) {
            String who = String.join(", ", empty.stream().map(Proc::label).toList());
            return Outcome.fail(new Text(
                    who + " : un espace de noms IPC à soi, mais sans " + table.fr() + " dedans (son `ipcs " + table.ipcsOption() + "` est vide).",
                    who + ": an IPC namespace of its own, but no " + table.en() + " in it (its `ipcs " + table.ipcsOption() + "` is empty)."),
                    evidence, hint);
        }
        return Outcome.fail(new Text(
                "Aucun processus n'a d'espace de noms IPC à lui : tous partagent ipc:[" + hostIpc + "] avec l'hôte.",
                "No process has an IPC namespace of its own: all share ipc:[" + hostIpc + "] with the host."), evidence, hint);
    }

    private static String describe(List<IpcObject> objects) {
        return objects.isEmpty() ? "(none)" : String.join("; ", objects.stream().map(IpcObject::describe).toList());
    }
}
