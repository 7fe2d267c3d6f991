package jlab.labs.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jlab.kernel.KernelException;
import jlab.kernel.ns.Namespace;
import jlab.kernel.proc.MountInfo;
import jlab.labs.host.HostView;
import jlab.labs.host.Mounts;
import jlab.labs.host.Proc;
import jlab.labs.model.Text;
import jlab.labs.yaml.Signature;

/**
 * {@code pivot-root}: a running process whose root is the lab's rootfs,
 * reached by pivot_root(2) in a mount namespace of its own, the old root
 * unmounted. A chroot alone earns part of the points.
 *
 * <p>What jlab reads:
 * <ul>
 *   <li>the root: {@code /proc/PID/root} is the rootfs (same device and inode);</li>
 *   <li>pivot_root makes the new root the root <em>mount</em> of the namespace, so
 *       the process's mountinfo has an entry at {@code /}; chroot only changes the
 *       process's root directory, and the mounts above it are not shown at all;</li>
 *   <li>the old root unmounted: no entry of the process's table is the host's root
 *       filesystem mounted whole (same device, root {@code /}), e.g. at /oldroot.</li>
 * </ul>
 * A chroot into a rootfs that was first bind-mounted onto itself, in a mount
 * namespace of its own, looks the same from outside as a pivot_root whose old
 * root was unmounted: the host's root is hidden in both. jlab gives it the
 * points; the difference is that the chroot can be escaped.
 */
public final class PivotRootCheck implements CheckKind {
    @Override
    public Signature signature() { return new Signature("pivot-root", List.of("rootfs"), List.of()); }

    @Override
    public Outcome check(Map<String, String> with, CheckContext context) {
        HostView host = context.host();
        Path rootfs = Path.of(with.get("rootfs"));
        Optional<MountInfo> hostRoot = Mounts.at(Mounts.host(host), "/");
        List<Evidence> evidence = new ArrayList<>();
        Outcome partial = null;
        for (Proc p : host.processes()) {
            Path root = host.proc().root().resolve(p.pid() + "/root");
            if (p.pid() == host.self() || !Mounts.sameFile(root, rootfs)) continue;
            evidence.add(new Evidence(root.toString(), rootfs.toString(), rootfs.toString()));
            List<MountInfo> table;
            try {
                table = host.proc().mountInfo(p.pid());
            } catch (KernelException exited) {
                continue;
            }
            boolean ownNamespace = p.ns(Namespace.MNT) != host.hostNamespace(Namespace.MNT);
            Optional<MountInfo> slash = Mounts.at(table, "/");
            Optional<MountInfo> oldRoot = table.stream().filter(m -> !m.mountPoint().equals("/") && hostRoot.isPresent()
                    && m.majorMinor().equals(hostRoot.get().majorMinor()) && m.root().equals("/")).findFirst();
            String mountinfo = "/proc/" + p.pid() + "/mountinfo";
            evidence.add(new Evidence(mountinfo, slash.map(m -> "/ is a mount (" + m.fsType() + ", root=" + m.root() + ")")
                    .orElse("no mount at /") + oldRoot.map(m -> "; the host's root is still mounted at " + m.mountPoint()).orElse(""),
                    "the rootfs is the namespace's root mount; the old root unmounted"));
            if (ownNamespace && slash.isPresent() && oldRoot.isEmpty()) {
                return Outcome.pass(new Text(p.label() + " a pour racine " + rootfs + ", par pivot_root dans son propre espace de montage, l'ancienne racine démontée.",
                        p.label() + "'s root is " + rootfs + ", by pivot_root in its own mount namespace, the old root unmounted."), evidence);
            }
            if (partial != null) continue;
            if (!ownNamespace) {
                partial = Outcome.partial(0.5, new Text(p.label() + " a pour racine " + rootfs + ", mais dans l'espace de montage de l'hôte : c'est un chroot.",
                        p.label() + "'s root is " + rootfs + ", but in the host's mount namespace: that is a chroot."), evidence,
                        new Text("pivot_root a besoin d'un espace de montage à soi : `unshare --mount`, `mount --bind " + rootfs + " " + rootfs
                                + "`, `cd " + rootfs + "`, `pivot_root . oldroot`, puis `umount -l /oldroot`.",
                                "pivot_root needs a mount namespace of its own: `unshare --mount`, `mount --bind " + rootfs + " " + rootfs
                                + "`, `cd " + rootfs + "`, `pivot_root . oldroot`, then `umount -l /oldroot`."));
            } else if (oldRoot.isPresent()) {
                partial = Outcome.partial(0.5, new Text("L'ancienne racine est encore montée sur " + oldRoot.get().mountPoint()
                                + " : le processus peut encore y lire tout l'hôte.", "The old root is still mounted at " + oldRoot.get().mountPoint()
                                + ": the process can still read the whole host there."), evidence,
                        new Text("`umount -l " + oldRoot.get().mountPoint() + "` dans le processus (MNT_DETACH : démonté dès qu'il n'est plus utilisé).",
                                "`umount -l " + oldRoot.get().mountPoint() + "` in the process (MNT_DETACH: gone once nothing uses it)."));
            } else {
                partial = Outcome.partial(0.5, new Text(rootfs + " n'est pas un point de montage de son espace : c'est un chroot, pas un pivot_root.",
                        rootfs + " is not a mount point of its namespace: that is a chroot, not a pivot_root."), evidence,
                        new Text("pivot_root(2) exige que la nouvelle racine soit un montage (EINVAL sinon) : `mount --bind " + rootfs + " " + rootfs + "` d'abord.",
                                "pivot_root(2) needs the new root to be a mount (EINVAL otherwise): `mount --bind " + rootfs + " " + rootfs + "` first."));
            }
        }
        if (partial != null) return partial;
        return Outcome.fail(new Text("Aucun processus n'a " + rootfs + " pour racine.", "No process has " + rootfs + " as its root."),
                List.of(Evidence.seen("/proc/*/root", "none is " + rootfs)),
                new Text("`jlab lab show pivot-root` donne les étapes ; le processus doit encore tourner (`exec sleep 3600` à la fin).",
                        "`jlab lab show pivot-root` gives the steps; the process must still run (`exec sleep 3600` at the end)."));
    }
}
