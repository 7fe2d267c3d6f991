package jlab.engine.step;

import jlab.engine.EngineException;

/**
 * Puts the forked child into the running container's cgroup, before it
 * execs: the command and its children then count against the container's
 * limits, show in its {@code top} and {@code stats}, and freeze with it. The
 * reaper stays outside, as Docker's shim does, so it never counts against
 * {@code --pids-limit} and keeps running while the container is paused.
 * Nothing to undo: the cgroup is the container's, and the child leaves it by
 * exiting.
 */
public final class JoinContainerCgroupStep implements Step {
    private final String cgroupPath;

    /** @param cgroupPath relative to the hierarchy's root, as state.json records it */
    public JoinContainerCgroupStep(String cgroupPath) { this.cgroupPath = cgroupPath; }

    @Override
    public String name() { return "join cgroup"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        String dir = b.cgroups().roots().get(0) + "/" + cgroupPath;
        String pid = b.initPid() > 0 ? Long.toString(b.initPid()) : "PID";
        return new Explanation(
                "Move the command's process into the container's cgroup, before it runs: the container's limits"
                        + " and meters now count it.",
                "write(open(\"" + dir + "/cgroup.procs\"), \"" + pid + "\")" + (b.cgroups().version().equals("v1")
                        ? " in every controller's tree" : ""),
                "echo " + pid + " > " + dir + "/cgroup.procs",
                "cat /proc/" + pid + "/cgroup");
    }

    @Override
    public void apply(ContainerBuild b) {
        var cgroup = b.cgroups().open(cgroupPath).orElseThrow(() ->
                new EngineException("the container's cgroup " + cgroupPath + " is gone: the container has stopped"));
        b.cgroup(cgroup);
        cgroup.addProcess(b.initPid());
    }

    @Override
    public boolean inHelper() { return false; }
}
