package jlab.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jlab.engine.image.Image;
import jlab.engine.image.ImageStore;
import jlab.engine.lifecycle.ContainerLock;
import jlab.engine.lifecycle.ContainerStatus;
import jlab.engine.lifecycle.ExitCommand;
import jlab.engine.lifecycle.ExitFile;
import jlab.engine.lifecycle.StopMarker;
import jlab.engine.plan.Plan;
import jlab.engine.plan.RunPlan;
import jlab.engine.plan.StepListener;
import jlab.engine.state.ContainerConfig;
import jlab.engine.state.ContainerPaths;
import jlab.engine.state.ContainerRecord;
import jlab.engine.state.ContainerStore;
import jlab.engine.state.ProcessIdentity;
import jlab.engine.state.StateDir;
import jlab.engine.step.CgroupStep;
import jlab.engine.step.ContainerBuild;
import jlab.engine.step.ContainerDirStep;
import jlab.engine.step.ExecStep;
import jlab.engine.volume.Volumes;
import jlab.kernel.cgroup.CgroupDriver;
import jlab.kernel.helper.HelperBinary;
import jlab.kernel.syscall.Syscalls;

/**
 * Detached containers, with Docker's verbs: create, start, stop, kill, rm,
 * wait, and what happens when one exits on its own. Each change happens under
 * the container's lock, after reading its state again, so several jlab
 * processes can act on one container at once. The same plan as {@code run}
 * ({@link RunPlan}) makes it; its host-side undo runs in whichever jlab tears
 * it down, on a build rebuilt from config.json.
 */
final class Lifecycle {
    private static final int SIGKILL = 9;
    private static final int SIGTERM = 15;
    /** How long stop waits for the supervisor's exit file after SIGKILL: the kernel needs no more. */
    private static final long KILL_WAIT_MILLIS = 10_000;

    private final StateDir state;
    private final ContainerStore store;
    private final ImageStore images;
    private final CgroupDriver cgroups;
    private final HelperBinary helper;
    private final Volumes volumes;
    private final ExitCommand exitCommand;

    Lifecycle(StateDir state, ContainerStore store, ImageStore images, CgroupDriver cgroups, HelperBinary helper,
              Volumes volumes, ExitCommand exitCommand) {
        this.state = state;
        this.store = store;
        this.images = images;
        this.cgroups = cgroups;
        this.helper = helper;
        this.volumes = volumes;
        this.exitCommand = exitCommand;
    }

    /** {@code create}: the record, the config and the name; no process, nothing in the kernel. */
    ContainerRecord create(ContainerBuild build) {
        ContainerSpec spec = build.spec();
        ContainerRecord r = new ContainerRecord(build.id(), build.name(), build.image().name(),
                ExecStep.command(build), System.currentTimeMillis(), ProcessIdentity.current(),
                ContainerRecord.CREATED, 0, 0, CgroupStep.cgroupPath(build), null, false, spec.remove(), true, 0, 0, 0);
        // Record, config, then the name: a concurrent gc never sees a name without its directory,
        // nor a created container without its record.
        try {
            store.save(r);
            store.saveConfig(new ContainerConfig(build.id(), build.name(), spec, build.image().name(), build.image().id()));
            store.reserveName(build.name(), build.id());
            return r;
        } catch (RuntimeException e) {
            ContainerStore.deleteTree(paths(r).dir());
            throw e;
        }
    }

    /** {@code start}: runs the plan, detached. A running container is left as it is. */
    ContainerRecord start(ContainerRecord found, StepListener listener) {
        try (ContainerLock lock = lock(found)) {
            ContainerRecord r = reload(found);
            if (status(r).running()) return r;
            return startLocked(r, listener);
        }
    }

    private ContainerRecord startLocked(ContainerRecord r, StepListener listener) {
        ContainerConfig config = store.loadConfig(r.id()).orElseThrow(() -> new EngineException("container "
                + r.name() + " has no config.json (made by an older jlab): it cannot be started again; jlab rm it"));
        ContainerBuild build = rebuild(config);
        Path dir = paths(r).dir();
        ExitFile.clear(dir);
        Plan plan = RunPlan.forSpec(config.spec(), false);
        ContainerRecord starting = detachedRecord(r).starting(ProcessIdentity.current());
        store.save(starting);
        try {
            plan.applyAll(build, listener);
        } catch (RuntimeException e) {
            // Tell the supervisor (if there is one yet) that this exit is handled here.
            StopMarker.create(dir);
            try {
                plan.undoApplied(build, step -> config.spec().remove() || !(step instanceof ContainerDirStep));
            } catch (RuntimeException u) {
                e.addSuppressed(u);
            }
            if (config.spec().remove()) delete(r, true);
            else store.save(starting.failedToStart(e instanceof EngineException ee ? ee.exitCode() : EngineException.ENGINE_ERROR));
            throw e;
        }
        long supervisor = build.helper().pid();
        ContainerRecord running = starting.running(ProcessIdentity.of(supervisor), supervisor, build.initPid());
        store.save(running);
        build.helper().close(); // our end of the socket; the container lives on
        listener.started(build);
        return running;
    }

    /** A record made by a foreground run becomes a detached one when it is started again. */
    private static ContainerRecord detachedRecord(ContainerRecord r) {
        return r.detached() ? r : new ContainerRecord(r.id(), r.name(), r.image(), r.command(), r.created(), r.owner(),
                r.status(), r.helperPid(), r.initPid(), r.cgroup(), r.exitCode(), r.oomKilled(), r.remove(), true,
                r.restartCount(), r.startedAt(), r.finishedAt());
    }

    /**
     * {@code stop}: SIGTERM to PID 1, {@code graceSeconds} to exit, then SIGKILL;
     * then the teardown, here. The restart policy does not apply.
     */
    ContainerRecord stop(ContainerRecord found, int graceSeconds) {
        if (!found.detached()) return stopForeground(found, graceSeconds);
        try (ContainerLock lock = lock(found)) {
            ContainerRecord r = reload(found);
            return stopLocked(r, graceSeconds);
        }
    }

    private ContainerRecord stopLocked(ContainerRecord r, int graceSeconds) {
        if (ContainerRecord.RESTARTING.equals(r.status())) {
            // Between two runs: nothing runs; the waiting exit command sees this and does not start it.
            ContainerRecord stopped = r.exited(r.exitCode() == null ? 0 : r.exitCode(), r.oomKilled(), r.finishedAt());
            store.save(stopped);
            return stopped;
        }
        if (!ContainerRecord.RUNNING.equals(r.status())) return r;
        Path dir = paths(r).dir();
        if (!ExitFile.exists(dir)) {
            StopMarker.create(dir);
            if (graceSeconds > 0) {
                Syscalls.get().kill(r.initPid(), SIGTERM);
                awaitExitFile(dir, graceSeconds * 1000L);
            }
            if (!ExitFile.exists(dir)) {
                // PID 1 of a namespace gets from outside only the signals it handles; SIGKILL always.
                Syscalls.get().kill(r.initPid(), SIGKILL);
                awaitExitFile(dir, KILL_WAIT_MILLIS);
            }
        }
        awaitGone(r.owner(), 2000);
        ExitFile exit = ExitFile.read(dir).orElse(new ExitFile(137, SIGKILL, java.time.Instant.now().toString()));
        return tearDown(r, exit);
    }

    /** A container run in the foreground by another jlab: signal it; that jlab tears it down. */
    private ContainerRecord stopForeground(ContainerRecord r, int graceSeconds) {
        if (r.isExited() || r.initPid() <= 0) return r;
        Syscalls.get().kill(r.initPid(), SIGTERM);
        if (awaitExited(r, graceSeconds * 1000L)) return store.load(r.id()).orElse(r);
        Syscalls.get().kill(r.initPid(), SIGKILL);
        awaitExited(r, KILL_WAIT_MILLIS);
        return store.load(r.id()).orElse(r);
    }

    /**
     * {@code kill}: a signal to PID 1. SIGKILL ends it for sure: the teardown then
     * happens here, as for stop. Any other signal is only sent; if the container
     * exits of it, its exit command tears it down.
     */
    void kill(ContainerRecord found, int signal) {
        try (ContainerLock lock = found.detached() ? lock(found) : null) {
            ContainerRecord r = found.detached() ? reload(found) : found;
            if (!status(r).running()) {
                throw new EngineException("cannot kill container: " + r.name() + ": container " + r.shortId()
                        + " is not running", 1);
            }
            if (signal == SIGKILL && r.detached()) {
                stopLocked(r, 0);
            } else {
                Syscalls.get().kill(r.initPid(), signal);
            }
        }
    }

    /**
     * {@code rm}: a running container only with {@code force} (killed first); then its files and name, and
     * with {@code removeVolumes} its anonymous volumes.
     */
    void rm(ContainerRecord found, boolean force, boolean removeVolumes) {
        try (ContainerLock lock = lock(found)) {
            ContainerRecord r = reload(found);
            ContainerStatus s = status(r);
            boolean live = s.running() || ContainerRecord.RESTARTING.equals(s.state());
            if (live && !force) {
                throw new EngineException("cannot remove container \"" + r.name() + "\": container is running:"
                        + " stop the container before removing or force remove (jlab rm -f " + r.name() + ")", 1);
            }
            if (live) {
                if (r.detached()) stopLocked(r, 0);
                else stopForeground(r, 0);
            } else if (r.detached() && ContainerRecord.RUNNING.equals(r.status())) {
                tearDown(r, ExitFile.read(paths(r).dir()).orElseThrow());
            }
            delete(r, removeVolumes);
        }
    }

    /**
     * Deletes a container's directory and name; with {@code anonymousVolumes} (rm -v, --rm) its anonymous
     * volumes, found from its config.json. Returns the volumes it removed.
     */
    List<String> delete(ContainerRecord r, boolean anonymousVolumes) {
        List<String> removed = anonymousVolumes
                ? store.loadSpec(r.id()).map(spec -> volumes.removeAnonymous(r.id(), spec)).orElse(List.of())
                : List.of();
        store.delete(r.id(), r.name());
        return removed;
    }

    /** {@code wait}: blocks until the container's command exits; its exit code. */
    int waitFor(ContainerRecord found) {
        ContainerPaths p = paths(found);
        while (true) {
            Optional<ExitFile> exit = found.detached() ? ExitFile.read(p.dir()) : Optional.empty();
            if (exit.isPresent()) return exit.get().exitCode();
            Optional<ContainerRecord> r = store.load(found.id());
            if (r.isEmpty()) return found.exitCode() == null ? 0 : found.exitCode();
            ContainerStatus s = status(r.get());
            if (s.state().equals(ContainerRecord.EXITED) || s.state().equals(ContainerRecord.CREATED) && s.exitCode() != null) {
                return s.exitCode() == null ? 0 : s.exitCode();
            }
            sleep(50);
        }
    }

    /**
     * The exit command ({@code jlab container-exited ID}), run by the supervisor
     * once PID 1 has exited and no jlab was stopping it: tears the host side
     * down, then applies the restart policy.
     */
    void containerExited(String id, StepListener listener) {
        ContainerPaths p = state.container(id);
        if (!Files.isDirectory(p.dir())) return;
        ContainerRecord restarting;
        try (ContainerLock lock = ContainerLock.acquire(p.dir(), id)) {
            Optional<ContainerRecord> loaded = store.load(id);
            if (loaded.isEmpty() || !ContainerRecord.RUNNING.equals(loaded.get().status())) return; // handled already
            Optional<ExitFile> exit = ExitFile.read(p.dir());
            if (exit.isEmpty()) return;
            ContainerRecord r = loaded.get();
            ContainerRecord done = tearDown(r, exit.get());
            ContainerSpec spec = store.loadSpec(id).orElse(null);
            if (done == null || spec == null || StopMarker.exists(p.dir())
                    || !spec.restart().shouldRestart(exit.get().exitCode(), r.restartCount())) {
                return;
            }
            restarting = done.restarting();
            store.save(restarting);
        }
        // Docker's back-off, outside the lock: a stop meanwhile marks it exited, and it stays so.
        sleep(store.loadConfig(id).map(c -> c.spec().restart().delayMillis(restarting.restartCount() - 1)).orElse(100L));
        try (ContainerLock lock = ContainerLock.acquire(p.dir(), id)) {
            Optional<ContainerRecord> r = store.load(id);
            if (r.isPresent() && ContainerRecord.RESTARTING.equals(r.get().status())) startLocked(r.get(), listener);
        }
    }

    /**
     * Undoes on the host what the plan made (the cgroup first: anything still in
     * it is killed), from a build rebuilt from config.json; records the exit, or
     * with --rm removes the container. Idempotent. Returns the new record, or
     * null once removed.
     */
    ContainerRecord tearDown(ContainerRecord r, ExitFile exit) {
        Optional<ContainerConfig> config = store.loadConfig(r.id());
        boolean oom = false;
        if (config.isPresent()) {
            ContainerBuild build = rebuild(config.get());
            oom = cgroups.open(CgroupStep.cgroupPath(build)).map(cg -> cg.stats().oomKills() > 0).orElse(false);
            boolean remove = config.get().spec().remove();
            RunPlan.forSpec(config.get().spec(), false)
                    .undoAll(build, step -> remove || !(step instanceof ContainerDirStep));
        } else {
            cgroups.open(state.cgroupParent() + "/" + r.id()).ifPresent(cg -> {
                cg.killAll();
                cg.delete();
            });
        }
        if (r.remove()) {
            delete(r, true);
            return null;
        }
        ContainerRecord exited = r.exited(exit.exitCode(), oom, exit.finishedAtMillis());
        store.save(exited);
        return exited;
    }

    ContainerStatus status(ContainerRecord r) { return ContainerStatus.of(r, paths(r)); }

    /** A build for a container made by another process (or earlier): from its config.json. */
    ContainerBuild rebuild(ContainerConfig c) {
        Image image = images.forConfig(c);
        ContainerBuild b = new ContainerBuild(c.id(), c.name(), c.spec(), image, state, cgroups, helper);
        b.exitCommand(exitCommand.forContainer(c.id()));
        return b;
    }

    private ContainerPaths paths(ContainerRecord r) { return state.container(r.id()); }

    private ContainerLock lock(ContainerRecord r) { return ContainerLock.acquire(paths(r).dir(), r.name()); }

    private ContainerRecord reload(ContainerRecord r) {
        return store.load(r.id()).orElseThrow(() -> new EngineException("No such container: " + r.name()));
    }

    private static void awaitExitFile(Path dir, long millis) {
        long end = System.currentTimeMillis() + millis;
        // The supervisor writes it within a millisecond of a SIGKILL: look often at first, then less.
        for (long pause = 1; !ExitFile.exists(dir) && System.currentTimeMillis() < end; pause = Math.min(20, pause * 2)) {
            sleep(pause);
        }
    }

    private boolean awaitExited(ContainerRecord r, long millis) {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            Optional<ContainerRecord> now = store.load(r.id());
            if (now.isEmpty() || now.get().isExited()) return true;
            sleep(20);
        }
        return false;
    }

    /** The supervisor, once it wrote the exit file, only exits: wait for that, so that nothing of it is left. */
    private static void awaitGone(ProcessIdentity p, long millis) {
        long end = System.currentTimeMillis() + millis;
        for (long pause = 1; p != null && p.isAlive() && System.currentTimeMillis() < end; pause = Math.min(20, pause * 2)) {
            sleep(pause);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted");
        }
    }
}
