package jlab.engine.step;

/**
 * Puts the container's PID 1 into its cgroup, before it runs the command: every
 * process it starts later is born in the same cgroup. Done from the host,
 * by writing the pid into the cgroup's cgroup.procs file.
 */
public final class JoinCgroupStep implements Step {
    @Override
    public String name() { return "join cgroup"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        String dir = b.cgroup() == null ? "/sys/fs/cgroup/.../jlab/" + b.id() : b.cgroup().directories().get(0).toString();
        String pid = b.processPid() > 0 ? Long.toString(b.processPid()) : "PID";
        return new Explanation(
                "Move the container's first process into its cgroup; its children will be born there.",
                "write(open(\"" + dir + "/cgroup.procs\"), \"" + pid + "\")",
                "echo " + pid + " > " + dir + "/cgroup.procs",
                "cat /proc/" + pid + "/cgroup");
    }

    @Override
    public void apply(ContainerBuild b) {
        b.cgroup().addProcess(b.processPid());
    }

    @Override
    public boolean inHelper() { return false; }
}
