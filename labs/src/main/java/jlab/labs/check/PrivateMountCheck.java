package jlab.labs.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jlab.kernel.proc.MountInfo;
import jlab.labs.host.HostView;
import jlab.labs.host.Mounts;
import jlab.labs.model.Text;
import jlab.labs.yaml.Signature;

/**
 * {@code private-mount}: a running process in a mount namespace of its own
 * has a mount at {@code path} that the host's mount table does not show —
 * what {@code unshare --mount} is for. Optionally the mount must be of a
 * filesystem type ({@code fstype: tmpfs}), show a host directory
 * ({@code source: /srv/jlab/data}: a bind mount, checked by inode through
 * /proc/PID/root) and be read-only ({@code readonly: true}).
 *
 * <p>A mount made in the new namespace stays there because unshare(1) makes
 * the copied mounts private ({@code mount --make-rprivate /}); with shared
 * propagation, the host would see it too.
 */
public final class PrivateMountCheck implements CheckKind {
    @Override
    public Signature signature() {
        return new Signature("private-mount", List.of("path"), List.of("fstype", "source", "readonly"));
    }

    @Override
    public Outcome check(Map<String, String> with, CheckContext context) {
        HostView host = context.host();
        String path = with.get("path");
        List<Evidence> evidence = new ArrayList<>();
        Optional<MountInfo> onHost = Mounts.at(Mounts.host(host), path);
        evidence.add(Evidence.seen("/proc/self/mountinfo (the host's)", onHost.map(PrivateMountCheck::describe).orElse("nothing at " + path)));
        List<Text> near = new ArrayList<>();
        List<Mounts.Namespaced> others = Mounts.others(host);
        for (Mounts.Namespaced ns : others) {
            Optional<MountInfo> m = ns.at(path);
            if (m.isEmpty()) continue;
            String where = "/proc/" + ns.through().pid() + "/mountinfo";
            evidence.add(new Evidence(where, describe(m.get()), expected(with)));
            Text wrong = mismatch(m.get(), ns, with, host);
            if (wrong != null) {
                near.add(wrong);
            } else if (onHost.isEmpty()) {
                return Outcome.pass(new Text(ns.through().label() + " a son propre espace de montage, avec " + path
                        + " que l'hôte ne voit pas.", ns.through().label() + " has a mount namespace of its own with "
                        + path + ", which the host does not see."), evidence);
            }
        }
        if (onHost.isPresent()) {
            return Outcome.fail(new Text("L'hôte voit " + path + " dans sa propre table de montage : le montage a été fait (ou s'est propagé) dans l'espace de l'hôte.",
                    "The host sees " + path + " in its own mount table: the mount was made in (or propagated to) the host's namespace."), evidence,
                    new Text("Démontez-le sur l'hôte (`umount " + path + "`), puis montez-le après `unshare --mount` (qui rend les montages privés).",
                            "Unmount it on the host (`umount " + path + "`), then mount it after `unshare --mount` (which makes mounts private)."));
        }
        if (!near.isEmpty()) return Outcome.fail(near.get(0), evidence, near.size() > 1 ? near.get(1) : null);
        if (others.isEmpty()) {
            return Outcome.fail(new Text("Aucun processus n'a d'espace de montage à lui.", "No process has a mount namespace of its own."),
                    evidence, new Text("`unshare --mount sh`, puis le montage dans ce shell ; laissez-le ouvert.",
                            "`unshare --mount sh`, then the mount in that shell; leave it open."));
        }
        return Outcome.fail(new Text(others.size() + " espace(s) de montage à part, mais aucun n'a de montage sur " + path + ".",
                        others.size() + " mount namespace(s) of their own, but none has a mount at " + path + "."), evidence,
                new Text("Dans le shell lancé par `unshare --mount`, montez " + path + " (`findmnt " + path + "` pour vérifier).",
                        "In the shell started by `unshare --mount`, mount " + path + " (`findmnt " + path + "` to see it)."));
    }

    /** What is wrong with the mount, or null when it is as asked. */
    private static Text mismatch(MountInfo m, Mounts.Namespaced ns, Map<String, String> with, HostView host) {
        String fstype = with.get("fstype");
        if (fstype != null && !fstype.equals(m.fsType())) {
            return new Text(m.mountPoint() + " est un montage " + m.fsType() + ", pas " + fstype + ".",
                    m.mountPoint() + " is a " + m.fsType() + " mount, not " + fstype + ".");
        }
        String source = with.get("source");
        if (source != null) {
            Path seen = host.proc().root().resolve(ns.through().pid() + "/root" + m.mountPoint());
            if (!Mounts.sameFile(seen, Path.of(source))) {
                return new Text(m.mountPoint() + " n'est pas " + source + " de l'hôte (autre inode) : `mount --bind " + source + " " + m.mountPoint() + "`.",
                        m.mountPoint() + " is not the host's " + source + " (another inode): `mount --bind " + source + " " + m.mountPoint() + "`.");
            }
        }
        if ("true".equals(with.get("readonly")) && !m.readOnly()) {
            return new Text(m.mountPoint() + " est monté en écriture : `mount -o remount,bind,ro " + m.mountPoint() + "`.",
                    m.mountPoint() + " is mounted read-write: `mount -o remount,bind,ro " + m.mountPoint() + "`.");
        }
        return null;
    }

    private static String expected(Map<String, String> with) {
        StringBuilder b = new StringBuilder("a mount at " + with.get("path"));
        if (with.containsKey("fstype")) b.append(", ").append(with.get("fstype"));
        if (with.containsKey("source")) b.append(", showing ").append(with.get("source"));
        if ("true".equals(with.get("readonly"))) b.append(", read-only");
        return b.append(", not in the host's table").toString();
    }

    private static String describe(MountInfo m) {
        return m.mountPoint() + " " + m.fsType() + " " + m.source() + " root=" + m.root() + " (" + m.mountOptions() + ")";
    }
}
