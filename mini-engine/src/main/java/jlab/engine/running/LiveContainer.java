package jlab.engine.running;

import jlab.engine.ContainerSpec;
import jlab.engine.Engine;
import jlab.engine.EngineException;
import jlab.engine.image.Image;
import jlab.engine.image.ImageStore;
import jlab.engine.state.ContainerRecord;
import jlab.kernel.cgroup.Cgroup;

/**
 * A container as the state directory records it, with its cgroup if it still
 * exists: whether it runs and whether it is paused are asked of the kernel
 * each time, never stored.
 *
 * @param spec   what it was started with (config.json); null for a container
 *               recorded by a jlab that did not write one
 * @param cgroup null once the container's cgroup is gone
 */
public record LiveContainer(ContainerRecord record, ContainerSpec spec, Cgroup cgroup) {
    /** Docker's CLI exits 1 when the daemon refuses (no such container, not running, paused). */
    public static final int REFUSED = 1;

    /** The container called {@code idOrName} (a name, an id or a unique id prefix): Docker's line if none. */
    public static LiveContainer find(Engine engine, String idOrName) {
        ContainerRecord r = engine.containers().find(idOrName)
                .orElseThrow(() -> new EngineException("No such container: " + idOrName, REFUSED));
        return of(engine, r);
    }

    public static LiveContainer of(Engine engine, ContainerRecord r) {
        ContainerSpec spec = engine.containers().loadSpec(r.id()).orElse(null);
        Cgroup cgroup = r.cgroup() == null ? null : engine.cgroups().open(r.cgroup()).orElse(null);
        return new LiveContainer(r, spec, cgroup);
    }

    /**
     * Whether its PID 1 runs: recorded as running, and the recorded pid is
     * still in the container's cgroup (a pid alone could have been reused by
     * another process since).
     */
    public boolean running() {
        if (!ContainerRecord.RUNNING.equals(record.status()) || record.initPid() <= 0) return false;
        if (cgroup == null) return ProcessHandle.of(record.initPid()).isPresent();
        return cgroup.processes().contains(record.initPid());
    }

    /** Frozen by {@code pause}: the cgroup freezer holds every process of it. */
    public boolean paused() {
        return cgroup != null && running() && cgroup.frozen();
    }

    /** Docker's status word: running, paused, created or exited. */
    public String status() {
        if (paused()) return "paused";
        if (ContainerRecord.RUNNING.equals(record.status()) && !running()) return ContainerRecord.EXITED;
        return record.status();
    }

    /** Docker's refusal for a container that does not run: "Container ID is not running". */
    public LiveContainer requireRunning() {
        if (!running()) throw new EngineException("Container " + record.id() + " is not running", REFUSED);
        return this;
    }

    /** The host pid of its PID 1. */
    public long pid() { return record.initPid(); }

    /** Its cgroup, for the commands that read or freeze it: one line if a running container has none. */
    public Cgroup requireCgroup() {
        if (cgroup == null) {
            throw new EngineException("container " + record.shortId() + " has no cgroup (" + record.cgroup()
                    + " is gone): jlab gc cleans up such a container");
        }
        return cgroup;
    }

    /** The spec, or one line saying why there is none. */
    public ContainerSpec requireSpec() {
        if (spec == null) {
            throw new EngineException("container " + record.shortId() + " has no config.json (an older jlab made it):"
                    + " restart it with this jlab");
        }
        return spec;
    }

    /** Its image, as the engine resolves it now. */
    public Image image(Engine engine) {
        requireSpec();
        return engine.images().forConfig(engine.containers().loadConfig(record.id()).orElseThrow());
    }
}
