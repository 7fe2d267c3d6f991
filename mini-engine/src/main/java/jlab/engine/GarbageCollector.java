package jlab.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jlab.engine.network.NetworkTeardown;
import jlab.engine.state.ContainerRecord;
import jlab.engine.state.ContainerStore;
import jlab.engine.volume.Volumes;
import jlab.kernel.cgroup.Cgroup;
import jlab.kernel.cgroup.CgroupDriver;
import jlab.kernel.proc.MountInfo;
import jlab.kernel.proc.ProcFs;
import jlab.kernel.syscall.Syscalls;

/**
 * Finds what a crashed (or killed) jlab left, and undoes it:
 * <ul>
 * <li>containers whose owning jlab is gone: their processes (killed through
 *     their cgroup), their cgroup, and — with --rm — their directory;</li>
 * <li>cgroups under this engine's parent (jlab/) that no container directory accounts for;</li>
 * <li>container directories without a readable record (a crash mid-creation);</li>
 * <li>names whose container is gone; mounts under the state directory;</li>
 * <li>a container's network, from its record (network.json): veth, port rules,
 *     host ports, address; and, found by looking at the kernel, netfilter rules
 *     tagged with this engine's containers that no container accounts for, and
 *     addresses or host ports claimed for them ({@code jlab gc} only: it costs
 *     an iptables-save).</li>
 * </ul>
 * A foreground container's helper dies with its jlab (PR_SET_PDEATHSIG), and
 * its namespaces and mounts die with its last process: what can remain is
 * only what lives on the host's side, which is what this collects.
 */
public final class GarbageCollector {
    /** What was found and undone, one line each. */
    public record Report(List<String> removed) {
        public boolean clean() { return removed.isEmpty(); }
    }

    private final ContainerStore store;
    private final CgroupDriver cgroups;

    public GarbageCollector(ContainerStore store, CgroupDriver cgroups) {
        this.store = store;
        this.cgroups = cgroups;
    }

    /**
     * The automatic sweep every jlab makes when it opens the engine: containers
     * whose jlab is gone, and what they left.
     */
    public Report collect() {
        List<String> removed = new ArrayList<>();
        unmountLeftovers(removed);
        for (String id : store.ids()) collectContainer(id, removed);
        for (String child : cgroups.children(parent())) {
            if (!Files.isDirectory(store.stateDir().container(child).dir())) {
                removeCgroup(parent() + "/" + child, removed);
            }
        }
        removeStaleNames(removed);
        removed.addAll(new Volumes(store).sweep());
        removeStaleStaging(removed);
        removed.addAll(NetworkTeardown.sweepOrphans(store.stateDir(), this::hasDirectory, false));
        return new Report(removed);
    }

    private boolean hasDirectory(String id) { return Files.isDirectory(store.stateDir().container(id).dir()); }

    /**
     * A container's directory is made as {@code containers/.ID.new} and renamed
     * into place with its record (see {@link ContainerStore#save}): one still
     * there a minute later is what a crash in between left.
     */
    private void removeStaleStaging(List<String> removed) {
        Path containers = store.stateDir().containers();
        if (!Files.isDirectory(containers)) return;
        long minuteAgo = System.currentTimeMillis() - 60_000;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(containers, ".*.new")) {
            for (Path d : dirs) {
                if (Files.getLastModifiedTime(d).toMillis() < minuteAgo) {
                    ContainerStore.deleteTree(d);
                    removed.add("container directory " + d.getFileName() + " (a crash while it was created)");
                }
            }
        } catch (IOException e) {
            removed.add("(could not read " + containers + ": " + e.getMessage() + ")");
        }
    }

    /**
     * {@code jlab gc}: the sweep, and then the shared "jlab" parent cgroup if no
     * container uses it any more, so that the host is exactly as before jlab ran.
     * (Not done by the automatic sweep: another jlab may be creating a container
     * under it at that very moment.)
     */
    public Report collectAll() {
        Report report = collect();
        List<String> removed = new ArrayList<>(report.removed());
        removed.addAll(NetworkTeardown.sweepOrphans(store.stateDir(), this::hasDirectory, true));
        if (cgroups.children(parent()).isEmpty()) {
            cgroups.open(parent()).ifPresent(parent -> {
                parent.delete();
                removed.add("cgroup " + parent() + " (the empty parent of containers' cgroups)");
            });
        }
        return new Report(removed);
    }

    private void collectContainer(String id, List<String> removed) {
        Optional<ContainerRecord> record = store.load(id);
        if (record.isEmpty()) {
            removeCgroup(parent() + "/" + id, removed);
            removed.addAll(NetworkTeardown.teardown(store.stateDir(), id));
            ContainerStore.deleteTree(store.stateDir().container(id).dir());
            removed.add("container directory " + id + " (no record: a crash while it was created)");
            return;
        }
        ContainerRecord r = record.get();
        if (ContainerRecord.EXITED.equals(r.status()) || r.owner().isAlive()) return;
        removeCgroup(parent() + "/" + id, removed);
        removed.addAll(NetworkTeardown.teardown(store.stateDir(), id));
        if (r.remove()) {
            store.loadConfig(id).ifPresent(spec -> new Volumes(store).removeAnonymous(id, spec)
                    .forEach(v -> removed.add("anonymous volume " + v + " of --rm container " + r.shortId())));
            store.delete(id, r.name());
            removed.add("container " + r.shortId() + " (" + r.name() + "): its jlab was gone");
        } else {
            ContainerStore.deleteTree(store.stateDir().container(id).work());
            store.save(r.exited(137, false));
            removed.add("container " + r.shortId() + " (" + r.name() + "): marked exited, its jlab was gone");
        }
    }

    /** This engine's parent cgroup: only its children can be this engine's leftovers. */
    private String parent() { return store.stateDir().cgroupParent(); }

    private void removeCgroup(String path, List<String> removed) {
        Optional<Cgroup> cg = cgroups.open(path);
        if (cg.isEmpty()) return;
        cg.get().killAll();
        cg.get().delete();
        removed.add("cgroup " + path);
    }

    private void removeStaleNames(List<String> removed) {
        Path names = store.stateDir().names();
        if (!Files.isDirectory(names)) return;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(names)) {
            for (Path f : files) {
                String id = Files.readString(f).trim();
                // A young name may be one another jlab is taking right now: run reserves the
                // name first, then makes the container's directory.
                boolean young = Files.getLastModifiedTime(f).toMillis() > System.currentTimeMillis() - 60_000;
                if (!young && (id.isEmpty() || !Files.isDirectory(store.stateDir().container(id).dir()))) {
                    Files.deleteIfExists(f);
                    removed.add("name " + f.getFileName());
                }
            }
        } catch (IOException e) {
            removed.add("(could not read " + names + ": " + e.getMessage() + ")");
        }
    }

    /**
     * jlab mounts a container's root inside the container's own mount
     * namespace, so the host should never see a mount under the state
     * directory; if one is there (a tool run by hand, an older jlab), detach it.
     */
    private void unmountLeftovers(List<String> removed) {
        String root = store.stateDir().root().toString() + "/";
        List<MountInfo> mounts = ProcFs.host().mountInfo(ProcessHandle.current().pid());
        for (int i = mounts.size() - 1; i >= 0; i--) {
            String mp = mounts.get(i).mountPoint();
            if (mp.startsWith(root)) {
                Syscalls.get().umount(mp, true);
                removed.add("mount " + mp);
            }
        }
    }
}
