package jlab.labs.run;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jlab.engine.EngineException;
import jlab.engine.state.ContainerStore;
import jlab.kernel.KernelException;
import jlab.kernel.cgroup.Cgroup;
import jlab.kernel.ns.Namespace;
import jlab.kernel.proc.IdMapping;
import jlab.kernel.syscall.Syscalls;
import jlab.labs.host.HostView;
import jlab.labs.host.JlabContainers;
import jlab.labs.host.Mounts;
import jlab.labs.host.Proc;
import jlab.labs.host.SysvIpc;
import jlab.labs.model.Action;
import jlab.labs.yaml.Signature;

/**
 * What {@code lab reset} removes, one kind per action of a lab's
 * {@code reset:} — each finds its targets by the lab's own names (a
 * hostname, a cgroup's name, a path under /srv/jlab, an address of the lab's
 * 10.x subnet), never by a broader rule, so a reset cannot touch the rest of
 * the host.
 */
public final class Resets {
    private static final int SIGKILL = 9;

    private Resets() {}

    public static Map<String, Signature> signatures() {
        Map<String, Signature> s = new LinkedHashMap<>();
        s.put("kill-hostname", new Signature("kill-hostname", List.of("hostname"), List.of()));
        s.put("remove-cgroup", new Signature("remove-cgroup", List.of("cgroup"), List.of()));
        s.put("remove-path", new Signature("remove-path", List.of("path"), List.of()));
        s.put("kill-mount-holders", new Signature("kill-mount-holders", List.of("path"), List.of()));
        s.put("kill-rooted-at", new Signature("kill-rooted-at", List.of("path"), List.of()));
        s.put("unmount", new Signature("unmount", List.of("path"), List.of()));
        s.put("kill-uid-map", new Signature("kill-uid-map", List.of("inside", "outside", "count"), List.of()));
        s.put("subid-range", new Signature("subid-range", List.of("user", "start", "count"), List.of()));
        s.put("kill-new-pid-ones", new Signature("kill-new-pid-ones", List.of(), List.of()));
        s.put("kill-ipc-holders", new Signature("kill-ipc-holders", List.of("object"), List.of()));
        s.put("remove-netns", new Signature("remove-netns", List.of("netns"), List.of()));
        s.put("remove-link", new Signature("remove-link", List.of("link"), List.of()));
        s.put("restore-sysctl", new Signature("restore-sysctl", List.of("key"), List.of()));
        s.put("remove-rules", new Signature("remove-rules", List.of("matching"), List.of("nft-table")));
        s.put("remove-new-directory", new Signature("remove-new-directory", List.of("path"), List.of()));
        s.put("remove-veth-with-address", new Signature("remove-veth-with-address", List.of("address"), List.of()));
        s.put("kill-net-address", new Signature("kill-net-address", List.of("address"), List.of()));
        return s;
    }

    /** Undoes what the actions name; returns what it removed, one line each (nothing found is fine). */
    public static List<String> apply(List<Action> reset, HostView host) { return apply(reset, host, Map.of()); }

    /** The same, with what {@code lab start} noted (a sysctl's value before the student began). */
    public static List<String> apply(List<Action> reset, HostView host, Map<String, String> recorded) {
        List<String> done = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Action a : reset) {
            try {
                applyOne(a, host, recorded, done);
            } catch (RuntimeException e) { // each action on its own: one that fails must not leave the others undone
                failed.add(a.kind() + " (lab.yaml line " + a.line() + "): " + e.getMessage());
            }
        }
        if (!failed.isEmpty()) {
            throw new EngineException("lab reset did the rest (" + String.join("; ", done) + ") but not: " + String.join("; ", failed));
        }
        return done;
    }

    private static void applyOne(Action a, HostView host, Map<String, String> recorded, List<String> done) {
        switch (a.kind()) {
            case "kill-hostname" -> killHostname(a.get("hostname"), host, done);
            case "remove-cgroup" -> removeCgroup(a.get("cgroup"), host, done);
            case "remove-path" -> removePath(Fixtures.underRoot(a.get("path")), done);
            case "kill-mount-holders" -> killMountHolders(a.get("path"), host, done);
            case "unmount" -> unmount(a.get("path"), host, done);
            case "kill-rooted-at" -> killRootedAt(Fixtures.underRoot(a.get("path")), host, done);
            case "kill-uid-map" -> killUidMap(new IdMapping(Long.parseLong(a.get("inside")), Long.parseLong(a.get("outside")),
                    Long.parseLong(a.get("count"))), host, done);
            case "kill-new-pid-ones" -> killNewPidOnes(host, recorded, done);
            case "kill-ipc-holders" -> killIpcHolders(SysvIpc.Table.named(a.get("object")), host, recorded, done);
            case "subid-range" -> {
                for (Path f : SubIds.FILES) {
                    if (recorded.containsKey(SubIds.recordKey(f)) && SubIds.remove(f, SubIds.line(a))) {
                        done.add("removed " + SubIds.line(a) + " from " + f + " (lab start added it)");
                    }
                }
            }
            case "remove-netns" -> NetResets.removeNetns(a.get("netns"), host, done);
            case "remove-link" -> NetResets.removeLink(a.get("link"), done);
            case "restore-sysctl" -> NetResets.restoreSysctl(a.get("key"), recorded, done);
            case "remove-rules" -> NetResets.removeRules(a.get("matching"), a.get("nft-table"), done);
            case "remove-new-directory" -> removeNewDirectory(a.get("path"), host, recorded, done);
            case "remove-veth-with-address" -> NetResets.removeVethsWithAddress(NetResets.labAddress(a.get("address")), done);
            case "kill-net-address" -> NetResets.killNetAddress(NetResets.labAddress(a.get("address")), host, done);
            default -> throw new IllegalArgumentException("no reset kind '" + a.kind() + "'");
        }
    }

    /**
     * SIGKILL to every process of a UTS namespace (not the host's) whose
     * hostname is the lab's: the namespace goes with its last process.
     */
    private static void killHostname(String hostname, HostView host, List<String> done) {
        for (Proc p : host.inOwn(Namespace.UTS)) {
            if (!host.hostname(p.pid()).equals(hostname)) continue;
            if (Syscalls.get().kill(p.pid(), SIGKILL)) done.add("killed " + p.label() + " (hostname " + hostname + ")");
        }
    }

    /** The processes of mount namespaces (not the host's) that have a mount at the lab's path. */
    private static void killMountHolders(String path, HostView host, List<String> done) {
        for (Mounts.Namespaced ns : Mounts.others(host)) {
            if (ns.at(path).isEmpty()) continue;
            for (Proc p : host.processes()) {
                if (p.ns(Namespace.MNT) == ns.through().ns(Namespace.MNT) && Syscalls.get().kill(p.pid(), SIGKILL)) {
                    done.add("killed " + p.label() + " (its mount namespace has " + path + ")");
                }
            }
        }
    }

    /** The processes whose root directory (chroot or pivot_root) is the lab's rootfs. */
    private static void killRootedAt(Path rootfs, HostView host, List<String> done) {
        for (Proc p : host.processes()) {
            if (p.pid() == host.self()) continue;
            if (Mounts.sameFile(host.proc().root().resolve(p.pid() + "/root"), rootfs) && Syscalls.get().kill(p.pid(), SIGKILL)) {
                done.add("killed " + p.label() + " (its root is " + rootfs + ")");
            }
        }
    }

    /** umount -l of the lab's path on the host, every mount stacked there. */
    private static void unmount(String path, HostView host, List<String> done) {
        while (Mounts.at(Mounts.host(host), path).isPresent()) {
            Syscalls.get().umount(path, true);
            done.add("unmounted " + path + " (on the host)");
        }
    }

    /** The processes of user namespaces whose uid_map is exactly the lab's. */
    private static void killUidMap(IdMapping map, HostView host, List<String> done) {
        for (Proc p : host.inOwn(Namespace.USER)) {
            try {
                if (!host.proc().uidMap(p.pid()).equals(List.of(map))) continue;
            } catch (KernelException exited) {
                continue;
            }
            if (Syscalls.get().kill(p.pid(), SIGKILL)) {
                done.add("killed " + p.label() + " (uid_map " + map.inside() + " " + map.outside() + " " + map.count() + ")");
            }
        }
    }

    /**
     * The lab's PID 1s: a PID namespace has no name to find it by, so the
     * lab's marks are two. It was started since {@code lab start}; and its
     * root is still the host's {@code /} — what {@code unshare --pid --fork}
     * leaves, while every container engine (docker, podman, crun, runc, jlab)
     * pivots its container into an image first. Another engine's container
     * started meanwhile is therefore never the lab's; jlab's own are left to
     * {@code jlab rm} in any case. Killing PID 1 kills every process of its
     * namespace.
     */
    private static void killNewPidOnes(HostView host, Map<String, String> recorded, List<String> done) {
        String since = recorded.get(Fixtures.START_TICKS);
        if (since == null) {
            done.add("left the PID namespaces alone: `lab start` was not run, so nothing tells which are the lab's");
            return;
        }
        Path hostRoot = host.proc().root().resolve(host.self() + "/root");
        for (Proc p : host.pidOnes()) {
            if (host.proc().stat(p.pid()).startTime() < Long.parseLong(since) || JlabContainers.holds(host, p)) continue;
            if (!Mounts.sameFile(host.proc().root().resolve(p.pid() + "/root"), hostRoot)) continue; // an engine's container
            if (Syscalls.get().kill(p.pid(), SIGKILL)) done.add("killed " + p.label() + " (PID 1 of pid:[" + p.ns(Namespace.PID) + "])");
        }
    }

    /**
     * The processes of IPC namespaces (not the host's) that hold a System V
     * object of that table, started since {@code lab start}: like a PID
     * namespace, an IPC namespace has no name, and its objects' keys are
     * random ({@code ipcmk} picks them), so the start time is the lab's mark.
     * The namespace, and its objects, go with its last process. jlab's own
     * containers are left to {@code jlab rm}.
     */
    private static void killIpcHolders(SysvIpc.Table table, HostView host, Map<String, String> recorded, List<String> done) {
        String since = recorded.get(Fixtures.START_TICKS);
        if (since == null) {
            done.add("left the IPC namespaces alone: `lab start` was not run, so nothing tells which are the lab's");
            return;
        }
        for (Proc p : host.inOwn(Namespace.IPC)) {
            try {
                if (host.ipcObjects(p.pid(), table).isEmpty() || JlabContainers.holds(host, p)
                        || host.proc().stat(p.pid()).startTime() < Long.parseLong(since)) {
                    continue;
                }
            } catch (KernelException exited) {
                continue;
            }
            if (Syscalls.get().kill(p.pid(), SIGKILL)) {
                done.add("killed " + p.label() + " (its IPC namespace ipc:[" + p.ns(Namespace.IPC) + "] holds a " + table.en() + ")");
            }
        }
    }

    /**
     * A directory outside /srv/jlab that the student makes for the lab
     * ({@code mkdir -p /mnt/jlab-private}, {@code mkdir -p /data}): removed
     * only if {@code lab start} noted it was not there ({@code note-path}),
     * and only as rmdir does — empty, and nothing mounted on it on the host.
     * A directory that was there before the lab, or that holds anything, is
     * not the lab's to remove.
     */
    private static void removeNewDirectory(String path, HostView host, Map<String, String> recorded, List<String> done) {
        Path dir = Fixtures.absolute(path);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return;
        String before = recorded.get(Fixtures.notedKey(dir));
        if (!Fixtures.ABSENT.equals(before)) {
            if (before == null) done.add("left " + dir + ": `lab start` did not note whether it was there before the lab");
            return;
        }
        if (Mounts.at(Mounts.host(host), dir.toString()).isPresent()) {
            done.add("left " + dir + ": something is mounted on it on the host");
            return;
        }
        try {
            Files.delete(dir);
            done.add("removed " + dir + " (made after lab start, empty)");
        } catch (DirectoryNotEmptyException e) {
            done.add("left " + dir + ": made after lab start, but not empty (its files are not the lab's to remove)");
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Kills what the cgroup holds, then rmdir (the kernel refuses to remove a
     * cgroup that still has processes: EBUSY). A student's cgroup may exist in
     * one v1 tree only and have no freezer, so this kills pid by pid, again
     * until cgroup.procs is empty (a process may fork meanwhile; its child is
     * born in the cgroup and shows up in the next read).
     */
    private static void removeCgroup(String name, HostView host, List<String> done) {
        Optional<Cgroup> found = host.cgroups().open(name);
        if (found.isEmpty()) return;
        Cgroup cg = found.get();
        long deadline = System.nanoTime() + 5_000_000_000L;
        Set<Long> killed = new HashSet<>();
        for (List<Long> pids = cg.processes(); !pids.isEmpty(); pids = cg.processes()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cgroup " + name + " still holds " + pids + " after SIGKILL: cannot remove it");
            }
            for (long pid : pids) {
                if (Syscalls.get().kill(pid, SIGKILL) && killed.add(pid)) done.add("killed pid " + pid + " (in cgroup " + name + ")");
            }
            sleepBriefly();
        }
        cg.delete();
        done.add("removed cgroup " + name);
    }

    /** A killed process leaves cgroup.procs once it is reaped; its parent (often a shell) does that. */
    private static void sleepBriefly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removePath(Path path, List<String> done) {
        if (!Files.exists(path)) return;
        ContainerStore.deleteTree(path);
        done.add("removed " + path);
    }
}
