package jlab.engine.state;

import java.util.List;

/**
 * What state.json says of a container: enough for {@code ps}, and for
 * {@code gc} to find and undo what a crashed jlab left.
 *
 * @param owner     the jlab process that runs it in the foreground: if it is gone,
 *                  so is the container (its helper dies with it), and gc cleans up
 * @param status    created, running or exited
 * @param cgroup    the cgroup's path relative to the hierarchy root, or null
 * @param exitCode  set once it exited
 */
public record ContainerRecord(String id, String name, String image, List<String> command, long created,
                              ProcessIdentity owner, String status, long helperPid, long initPid, String cgroup,
                              Integer exitCode, boolean oomKilled, boolean remove) {
    public static final String CREATED = "created";
    public static final String RUNNING = "running";
    public static final String EXITED = "exited";

    public ContainerRecord running(long helperPid, long initPid) {
        return new ContainerRecord(id, name, image, command, created, owner, RUNNING, helperPid, initPid, cgroup,
                null, false, remove);
    }

    public ContainerRecord withCgroup(String path) {
        return new ContainerRecord(id, name, image, command, created, owner, status, helperPid, initPid, path,
                exitCode, oomKilled, remove);
    }

    public ContainerRecord exited(int code, boolean oom) {
        return new ContainerRecord(id, name, image, command, created, owner, EXITED, helperPid, 0, null, code, oom,
                remove);
    }

    public String shortId() { return id.substring(0, 12); }
}
