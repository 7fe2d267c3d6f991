package jlab.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import jlab.engine.image.Image;
import jlab.engine.image.ImageStore;
import jlab.engine.image.Passwd;
import jlab.engine.network.PublishAll;
import jlab.engine.lifecycle.ContainerStatus;
import jlab.engine.lifecycle.ExitCommand;
import jlab.engine.network.NetworkCheck;
import jlab.engine.network.NetworkStore;
import jlab.engine.plan.Plan;
import jlab.engine.plan.RunPlan;
import jlab.engine.plan.StepListener;
import jlab.engine.state.ContainerConfig;
import jlab.engine.state.ContainerRecord;
import jlab.engine.state.ContainerStore;
import jlab.engine.state.ProcessIdentity;
import jlab.engine.state.StateDir;
import jlab.engine.step.CgroupStep;
import jlab.engine.step.ContainerBuild;
import jlab.engine.step.ContainerDirStep;
import jlab.engine.step.ExecStep;
import jlab.engine.stepmode.Construction;
import jlab.engine.volume.ImageVolumes;
import jlab.engine.volume.Volumes;
import jlab.kernel.cgroup.CgroupDriver;
import jlab.kernel.cgroup.CgroupStats;
import jlab.kernel.helper.HelperBinary;
import jlab.kernel.syscall.Syscalls;

/**
 * The container engine: turns a {@link ContainerSpec} into a plan of steps,
 * runs it, waits, and undoes it. Everything it makes is recorded under the
 * state directory first, so that {@link #gc()} can find and undo whatever a
 * crash left behind.
 */
public final class Engine {
    private final StateDir state;
    private final ContainerStore store;
    private final ImageStore images;
    private final CgroupDriver cgroups;
    private final HelperBinary helper;
    private final Volumes volumes;
    private final Lifecycle lifecycle;
    /** What the sweep at start-up removed: {@code jlab gc} reports it too. */
    private GarbageCollector.Report startupSweep = new GarbageCollector.Report(List.of());

    private Engine(StateDir state, CgroupDriver cgroups, HelperBinary helper, ExitCommand exitCommand) {
        this.state = state;
        this.store = new ContainerStore(state);
        this.images = new ImageStore(state.images());
        this.cgroups = cgroups;
        this.helper = helper;
        this.volumes = new Volumes(store);
        this.lifecycle = new Lifecycle(state, store, images, cgroups, helper, volumes, exitCommand);
    }

    /** Opens the engine; detached containers get no exit command (the next jlab finds their exit file). */
    public static Engine open(StateDir state) { return open(state, ExitCommand.NONE); }

    /**
     * Opens the engine on a state directory. Needs root. Cleans up what a
     * crashed jlab left (containers whose jlab or supervisor is gone) before
     * anything else. {@code exitCommand}: how a detached container's
     * supervisor calls jlab back when the container exits.
     */
    public static Engine open(StateDir state, ExitCommand exitCommand) {
        requireRoot();
        Engine engine = new Engine(state, CgroupDriver.detect(), HelperBinary.extractTo(state.bin()), exitCommand);
        engine.startupSweep = engine.collector().collect();
        return engine;
    }

    private GarbageCollector collector() { return new GarbageCollector(store, cgroups, lifecycle); }

    public static void requireRoot() {
        if (Syscalls.get().geteuid() != 0) {
            throw new EngineException("jlab must run as root: making namespaces, mounts and cgroups needs"
                    + " CAP_SYS_ADMIN (try: sudo ./jlab ...)");
        }
    }

    public StateDir stateDir() { return state; }

    public CgroupDriver cgroups() { return cgroups; }

    public ImageStore images() { return images; }

    /**
     * The IDs of the images that containers (running or not) were made from, each with the short id of
     * one such container: rmi and prune keep them.
     */
    public java.util.Map<String, String> imagesInUse() {
        return imagesOf(r -> true);
    }

    /** The same, of running containers only: {@code rmi -f} by ID cannot delete their images (Docker's hard conflict). */
    public java.util.Map<String, String> imagesRunning() {
        return imagesOf(r -> lifecycle.status(r).running());
    }

    private java.util.Map<String, String> imagesOf(java.util.function.Predicate<ContainerRecord> which) {
        java.util.Map<String, String> ids = new java.util.HashMap<>();
        for (ContainerRecord r : store.list()) {
            if (!which.test(r)) continue;
            store.loadConfig(r.id()).map(ContainerConfig::imageId).ifPresent(id -> ids.putIfAbsent(id, r.shortId()));
        }
        return ids;
    }

    public ContainerStore containers() { return store; }

    /** {@code volume create/ls/inspect/rm}. */
    public Volumes volumes() { return volumes; }

    /** The native helper, extracted under the state directory: exec starts one per command. */
    public HelperBinary helperBinary() { return helper; }

    /** {@code network create/ls/rm/inspect}. */
    public jlab.engine.network.BridgeNetworks networks() { return new jlab.engine.network.BridgeNetworks(state); }

    /**
     * Runs a container in the foreground: creates it, runs its command, waits
     * for it to exit, and tears it down. With {@code --rm} nothing of it
     * remains; without, its record and filesystem stay for {@code ps -a}/{@code rm}.
     */
    public RunResult run(ContainerSpec asked, StepListener listener) {
        Image image = images.forSpec(asked);
        ContainerSpec spec = withImage(asked, image);
        return runInForeground(prepare(spec, image), RunPlan.forSpec(spec, true), listener, (r, upper) -> r);
    }

    /**
     * A build's RUN ({@code jlab build}): {@code run --rm} of {@code image} as the build gives it (the
     * image so far, without its ENTRYPOINT: RUN runs its own command), the command's output and error
     * appended to {@code output}, its input /dev/null. Once the command has exited, and before the
     * container is removed, {@code afterExit} is given its result and its upper directory — what the
     * command changed, which the build makes a layer.
     */
    public <T> T runBuildStep(ContainerSpec spec, Image image, Path output, StepListener listener,
                              BiFunction<RunResult, Path, T> afterExit) {
        if (!spec.remove()) throw new IllegalArgumentException("a build's RUN container is removed after it: --rm");
        return runInForeground(prepare(spec, image), RunPlan.forBuildStep(spec, output), listener, afterExit);
    }

    private <T> T runInForeground(ContainerBuild build, Plan plan, StepListener listener,
                                  BiFunction<RunResult, Path, T> afterExit) {
        ContainerSpec spec = build.spec();
        ContainerRecord record = new ContainerRecord(build.id(), build.name(), build.image().name(),
                ExecStep.command(build), System.currentTimeMillis(), ProcessIdentity.current(), ContainerRecord.CREATED,
                0, 0, CgroupStep.cgroupPath(build), null, false, spec.remove(), false, 0, 0, 0);
        store.reserveName(build.name(), build.id());
        int exitCode = EngineException.ENGINE_ERROR;
        boolean oom = false;
        try {
            // config.json too, so that a later "jlab start" can run it again, detached.
            store.save(record);
            store.saveConfig(new ContainerConfig(build.id(), build.name(), spec, build.image().name(), build.image().id()));
            plan.applyAll(build, listener);
            store.save(record.running(build.helper().pid(), build.initPid()));
            listener.started(build);
            exitCode = build.helper().waitFor();
            oom = oomKilled(build);
            return afterExit.apply(new RunResult(build.id(), build.name(), exitCode, oom), build.paths().upper());
        } catch (EngineException e) {
            exitCode = e.exitCode();
            throw e;
        } finally {
            boolean keepFiles = !spec.remove();
            try {
                plan.undoApplied(build, step -> !(keepFiles && step instanceof ContainerDirStep));
            } finally {
                if (spec.remove()) {
                    lifecycle.delete(record, true);
                } else {
                    store.save(record.exited(exitCode, oom));
                }
            }
        }
    }

    /**
     * {@code new NAME}: a container under construction, for step mode. Validated
     * as run validates, recorded before anything is made (owned by this jlab, so
     * that gc cleans a crash: its helper dies with jlab), then {@code run}'s own
     * plan applied up to and including the helper, which waits in the host's namespaces.
     */
    public Construction construct(ContainerSpec asked, StepListener listener) {
        Image image = images.forSpec(asked);
        ContainerSpec spec = withImage(asked, image);
        ContainerBuild build = prepare(spec, image);
        Plan plan = RunPlan.forSpec(spec, true);
        ContainerRecord runRecord = new ContainerRecord(build.id(), build.name(), build.image().name(),
                ExecStep.command(build), System.currentTimeMillis(), ProcessIdentity.current(), ContainerRecord.CREATED,
                0, 0, CgroupStep.cgroupPath(build), null, false, spec.remove(), false, 0, 0, 0);
        // Until its command runs, a crash must leave nothing: gc removes it as it removes a --rm container.
        ContainerRecord record = new ContainerRecord(runRecord.id(), runRecord.name(), runRecord.image(),
                runRecord.command(), runRecord.created(), runRecord.owner(), ContainerRecord.CREATED, 0, 0,
                runRecord.cgroup(), null, false, true, false, 0, 0, 0);
        store.reserveName(build.name(), build.id());
        Construction c = new Construction(build, plan, store, record, runRecord, r -> lifecycle.delete(r, true));
        try {
            store.save(record);
            store.saveConfig(new ContainerConfig(build.id(), build.name(), spec, build.image().name(), build.image().id()));
            c.begin(listener);
            return c;
        } catch (RuntimeException e) {
            try {
                c.abandon();
            } catch (RuntimeException u) {
                e.addSuppressed(u);
            }
            throw e;
        }
    }

    /** {@code run -d}: create, then start; returns once the command runs, leaving it to its supervisor. */
    public ContainerRecord runDetached(ContainerSpec spec, StepListener listener) {
        ContainerRecord created = create(spec);
        return lifecycle.start(created, listener);
    }

    /** {@code create}: the container's record, config.json and name; nothing runs. */
    public ContainerRecord create(ContainerSpec spec) {
        Image image = images.forSpec(spec);
        return lifecycle.create(prepare(withImage(spec, image), image));
    }

    /** {@code start}: runs a created (or exited) container's plan, detached. */
    public ContainerRecord start(String idOrName, StepListener listener) {
        return lifecycle.start(find(idOrName), listener);
    }

    /** {@code stop}: SIGTERM, {@code graceSeconds}, SIGKILL; torn down on return. */
    public ContainerRecord stop(String idOrName, int graceSeconds) { return lifecycle.stop(find(idOrName), graceSeconds); }

    /** {@code kill -s SIGNAL}. */
    public void kill(String idOrName, int signal) { lifecycle.kill(find(idOrName), signal); }

    /** {@code restart}: stop, then start. */
    public ContainerRecord restart(String idOrName, int graceSeconds, StepListener listener) {
        ContainerRecord stopped = stop(idOrName, graceSeconds);
        return lifecycle.start(stopped, listener);
    }

    /** {@code wait}: the exit code, once the command has exited. */
    public int waitFor(String idOrName) { return lifecycle.waitFor(find(idOrName)); }

    /** The hidden {@code container-exited ID}: a supervisor's exit command. */
    public void containerExited(String id) { lifecycle.containerExited(id, StepListener.NONE); }

    /** The state as any jlab finds it: state.json and the exit file. */
    public ContainerStatus status(ContainerRecord r) { return lifecycle.status(r); }

    /** The container's log (containers/ID/container.log, CRI format): only detached containers have one. */
    public Path logFile(String idOrName) { return state.container(find(idOrName).id()).dir().resolve("container.log"); }

    /** The plan {@code run} would execute for this spec, and the build it would fill: nothing is made. */
    public Prepared explain(ContainerSpec asked) {
        Image image = images.forSpec(asked);
        ContainerSpec spec = withImage(asked, image);
        return new Prepared(prepare(spec, image), RunPlan.forSpec(spec, !spec.detach()));
    }

    /** What the image adds to what the user asked: -P's ports from EXPOSE, an anonymous volume per VOLUME. */
    private static ContainerSpec withImage(ContainerSpec asked, Image image) {
        return ImageVolumes.expand(PublishAll.expand(asked, image), image);
    }

    /** A container not yet made: its build (id, paths, image) and its plan. */
    public record Prepared(ContainerBuild build, Plan plan) {}

    /** Validates everything that can be checked before touching the kernel, so bad input leaves nothing behind. */
    private ContainerBuild prepare(ContainerSpec spec, Image image) {
        String id = Names.newId();
        String name = spec.name() != null ? Names.validateName(spec.name()) : Names.generateName();
        if (spec.hostname() != null) Names.validateHostname(spec.hostname());
        if (spec.tty() && spec.interactive() && !Syscalls.get().isatty(0)) {
            throw new EngineException("the input device is not a TTY: drop -t to pipe input in, or run jlab from a terminal");
        }
        Volumes.checkSources(spec);
        NetworkCheck.validate(spec, new NetworkStore(state));
        ContainerBuild build = new ContainerBuild(id, name, spec, image, state, cgroups, helper);
        ExecStep.command(build);
        Passwd.resolve(image, spec.user() != null ? spec.user() : image.user());
        return build;
    }

    private static boolean oomKilled(ContainerBuild build) {
        if (build.cgroup() == null) return false;
        CgroupStats stats = build.cgroup().stats();
        return stats.oomKills() > 0;
    }

    /** Containers jlab knows: running (or restarting) ones, or all with {@code all}. */
    public List<ContainerRecord> ps(boolean all) {
        return store.list().stream().filter(r -> {
            String s = status(r).state();
            return all || s.equals(ContainerRecord.RUNNING) || s.equals(ContainerRecord.RESTARTING);
        }).toList();
    }

    /**
     * Removes a container: its files, record and name; a running one only with
     * {@code force} (killed first); with {@code removeVolumes} ({@code rm -v})
     * its anonymous volumes too.
     */
    public ContainerRecord rm(String idOrName, boolean force, boolean removeVolumes) {
        ContainerRecord r = find(idOrName);
        lifecycle.rm(r, force, removeVolumes);
        return r;
    }

    public ContainerRecord find(String idOrName) {
        Optional<ContainerRecord> r = store.find(idOrName);
        return r.orElseThrow(() -> new EngineException("No such container: " + idOrName));
    }

    /** {@code jlab gc}: finds and undoes what crashed jlab processes left, and the empty parent cgroup. */
    public GarbageCollector.Report gc() {
        List<String> removed = new java.util.ArrayList<>(startupSweep.removed());
        startupSweep = new GarbageCollector.Report(List.of());
        removed.addAll(collector().collectAll().removed());
        removed.addAll(images.sweepAfterCrash());
        return new GarbageCollector.Report(removed);
    }
}
