package jlab.engine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jlab.engine.lifecycle.ContainerLock;
import jlab.engine.lifecycle.ExitFile;
import jlab.engine.network.NetworkTeardown;
import jlab.engine.network.UnusedDefaultNetwork;
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
 * <li>detached containers whose supervisor is gone (killed, or the host's
 *     exit command failed): torn down as the exit command would have;</li>
 * <li>cgroups under this engine's parent (jlab/) that no container directory accounts for;</li>
 * <li>container directories without a readable record (a crash mid-creation);</li>
 * <li>names whose container is gone; mounts under the state directory;</li>
 * <li>a container's network, from its record (network.json): veth, port rules,
 *     host ports, address; and, found by looking at the kernel, netfilter rules
 *     tagged with this engine's containers that no container accounts for, and
 *     addresses or host ports claimed for them ({@code jlab gc} only: it costs
 *     a listing by the netfilter tool: iptables-save or nft);</li>
 * <li>({@code jlab gc} only) the default network once no jlab of the host uses it:
 *     jlab0, its rules, /run/jlab/networks/jlab0, and ip_forward as jlab found it
 *     ({@link UnusedDefaultNetwork}).</li>
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
    private final Lifecycle lifecycle;

    GarbageCollector(ContainerStore store, CgroupDriver cgroups, Lifecycle lifecycle) {
        this.store = store;
        this.cgroups = cgroups;
        this.lifecycle = lifecycle;
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
        removed.addAll(UnusedDefaultNetwork.removeIfUnused());
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
            // A directory whose record is being written right now by another jlab is no leftover.
            if (youngerThan(store.stateDir().container(id).dir(), 10_000)) return;
            removeCgroup(parent() + "/" + id, removed);
            removed.addAll(NetworkTeardown.teardown(store.stateDir(), id));
            ContainerStore.deleteTree(store.stateDir().container(id).dir());
            removed.add("container directory " + id + " (no record: a crash while it was created)");
            return;
        }
        ContainerRecord r = record.get();
        if (ContainerRecord.EXITED.equals(r.status()) || r.owner().isAlive()) return;
        if (r.detached()) {
            collectDetached(id, removed);
            return;
        }
        removeCgroup(parent() + "/" + id, removed);
        removed.addAll(NetworkTeardown.teardown(store.stateDir(), id));
        if (r.remove()) {
            lifecycle.delete(r, true)
                    .forEach(v -> removed.add("anonymous volume " + v + " of --rm container " + r.shortId()));
            removed.add("container " + r.shortId() + " (" + r.name() + "): its jlab was gone");
        } else {
            ContainerStore.deleteTree(store.stateDir().container(id).work());
            store.save(r.exited(137, false));
            removed.add("container " + r.shortId() + " (" + r.name() + "): marked exited, its jlab was gone");
        }
    }

    /**
     * A detached container whose owner is gone: its supervisor (or the jlab that
     * was starting it) died. Never one that a live process holds the lock of
     * (being started, stopped, torn down). Created and never started: nothing
     * to undo, and it stays. Exited with its exit file written, but no exit
     * command ran (the supervisor was killed just after): torn down with its
     * code. No exit file: the supervisor was killed, and PID 1 with it (its
     * PDEATHSIG): a crash, torn down as exited 137.
     */
    private void collectDetached(String id, List<String> removed) {
        Optional<ContainerLock> lock = ContainerLock.tryAcquire(store.stateDir().container(id).dir());
        if (lock.isEmpty()) return; // a live jlab is handling it
        try (ContainerLock held = lock.get()) {
            Optional<ContainerRecord> again = store.load(id);
            if (again.isEmpty() || again.get().owner().isAlive()) return;
            ContainerRecord r = again.get();
            if (ContainerRecord.EXITED.equals(r.status())) return;
            if (ContainerRecord.CREATED.equals(r.status())) {
                // never started, or its start was cut short: undo whatever that start made
                if (cgroups.open(parent() + "/" + id).isPresent()) {
                    ContainerRecord failed = r.failedToStart(EngineException.ENGINE_ERROR);
                    if (lifecycle.tearDown(failed, new ExitFile(125, 0, Instant.now().toString())) != null) store.save(failed);
                    removed.add("container " + r.shortId() + " (" + r.name() + "): its start was cut short");
                }
                return;
            }
            Optional<ExitFile> exit = ExitFile.read(store.stateDir().container(id).dir());
            lifecycle.tearDown(r, exit.orElse(new ExitFile(137, 9, Instant.now().toString())));
            removed.add("container " + r.shortId() + " (" + r.name() + "): "
                    + (exit.isPresent() ? "exited, its exit command never ran" : "its supervisor was gone")
                    + (r.remove() ? ", removed" : ", marked exited"));
        }
    }

    private static boolean youngerThan(Path dir, long millis) {
        try {
            return System.currentTimeMillis() - Files.getLastModifiedTime(dir).toMillis() < millis;
        } catch (IOException gone) {
            return true; // removed meanwhile: nothing to collect
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
