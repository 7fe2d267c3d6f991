package jlab.engine.state;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What state.json says of a container: enough for {@code ps}, and for
 * {@code gc} to find and undo what a crashed jlab left.
 *
 * @param owner        the process whose life is the container's: the jlab that runs it in the
 *                     foreground, or, detached, its supervisor (the helper's reaper, then the
 *                     exit command it becomes); while one is being started, the jlab starting
 *                     it. If the owner is gone and the container was not torn down, gc does it
 * @param status       created, running, restarting or exited (see also {@link ExitFile}: a
 *                     detached container whose exit file exists has exited, torn down or not yet)
 * @param cgroup       the cgroup's path relative to the hierarchy root, or null
 * @param exitCode     set once it exited
 * @param detached     made by {@code create} or {@code run -d}: supervised, not owned by a jlab
 * @param restartCount how many times the restart policy started it again
 * @param startedAt    when its command last started (ms since the epoch), 0 if never
 * @param finishedAt   when its command last exited (ms since the epoch), 0 if never
 */
public record ContainerRecord(String id, String name, String image, List<String> command, long created,
                              ProcessIdentity owner, String status, long helperPid, long initPid, String cgroup,
                              Integer exitCode, boolean oomKilled, boolean remove, boolean detached,
                              int restartCount, long startedAt, long finishedAt) {
    public static final String CREATED = "created";
    public static final String RUNNING = "running";
    public static final String RESTARTING = "restarting";
    public static final String EXITED = "exited";

    public ContainerRecord running(long helperPid, long initPid) {
        return running(owner, helperPid, initPid);
    }

    /** Its command runs; {@code owner} is the process whose death means the container's. */
    public ContainerRecord running(ProcessIdentity owner, long helperPid, long initPid) {
        return new ContainerRecord(id, name, image, command, created, owner, RUNNING, helperPid, initPid, cgroup,
                null, false, remove, detached, restartCount, System.currentTimeMillis(), finishedAt);
    }

    public ContainerRecord withCgroup(String path) {
        return new ContainerRecord(id, name, image, command, created, owner, status, helperPid, initPid, path,
                exitCode, oomKilled, remove, detached, restartCount, startedAt, finishedAt);
    }

    public ContainerRecord exited(int code, boolean oom) {
        return exited(code, oom, System.currentTimeMillis());
    }

    public ContainerRecord exited(int code, boolean oom, long at) {
        return new ContainerRecord(id, name, image, command, created, owner, EXITED, helperPid, 0, null, code, oom,
                remove, detached, restartCount, startedAt, at);
    }

    /** Being started by {@code owner} (a jlab): if it dies half-way, gc undoes what it made. */
    public ContainerRecord starting(ProcessIdentity starter) {
        return new ContainerRecord(id, name, image, command, created, starter, status, 0, 0, cgroup, exitCode,
                oomKilled, remove, detached, restartCount, startedAt, finishedAt);
    }

    /** A start that failed: back to created, with the code Docker reports (126, 127, 125). */
    public ContainerRecord failedToStart(int code) {
        return new ContainerRecord(id, name, image, command, created, owner, CREATED, 0, 0, cgroup, code, false,
                remove, detached, restartCount, startedAt, finishedAt);
    }

    /** Exited, and about to be started again by its restart policy. */
    public ContainerRecord restarting() {
        return new ContainerRecord(id, name, image, command, created, owner, RESTARTING, helperPid, 0, cgroup,
                exitCode, oomKilled, remove, detached, restartCount + 1, startedAt, finishedAt);
    }

    @JsonIgnore
    public boolean isExited() { return EXITED.equals(status); }

    public String shortId() { return id.substring(0, 12); }
}
