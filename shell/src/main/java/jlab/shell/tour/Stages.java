package jlab.shell.tour;

import java.util.List;

/**
 * The tour's stages, in the order of {@code run}'s plan on the default bridge network (RunPlan): each types
 * step-mode commands, and the inspections that make its point — {@code exec ps} lists the host's processes
 * until the PID namespace, the container's /proc and pivot_root are all there.
 */
public final class Stages {
    private Stages() {}

    /** What the container runs at the end: it says who it is, then shows what it sees. */
    static final String COMMAND = "sh -c 'echo \"I am PID $$ on $(hostname)\"; ps'";

    public static List<Stage> forContainer(String name) {
        return List.of(
                new Stage("new", "new " + name + " busybox --rm -- " + COMMAND, "ns", "exec hostname"),
                new Stage("cgroup", "step cgroup memory 64m", "cgroup"),
                new Stage("pid", "step --to \"unshare pid\"", "exec ps"),
                new Stage("mounts", "step --to \"private mounts\""),
                new Stage("uts", "step unshare uts", "step hostname " + name, "exec hostname", "ns"),
                new Stage("ipc", "step unshare ipc"),
                new Stage("net", "step unshare net", "step loopback", "exec ip addr"),
                new Stage("bridge", "step --to \"address and route\"", "exec ip addr show eth0"),
                new Stage("overlay", "step --to \"overlay rootfs\""),
                new Stage("proc", "step --to \"mount hosts files\"", "exec ps"),
                new Stage("pivot", "step pivot-root", "step mask paths", "exec ps"),
                new Stage("privileges", "step --to \"no new privileges\""),
                new Stage("exec", "step exec"));
    }
}
