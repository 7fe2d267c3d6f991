package jlab.engine.step;

import jlab.kernel.helper.Reply;
import jlab.kernel.ns.Namespace;

/**
 * A new PID namespace, and its first process. unshare(CLONE_NEWPID) does not
 * move the caller: it only decides where the caller's <em>next child</em> is
 * born. So the helper forks; the child is PID 1 of the new namespace and goes
 * on as the container, while the parent stays outside to wait for it and
 * report its exit code (Docker's conmon/shim does the same job).
 */
public final class PidNamespaceStep implements Step {
    @Override
    public String name() { return "unshare pid"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        String look = b.initPid() > 0
                ? "grep NSpid /proc/" + b.initPid() + "/status — \"" + b.initPid() + " 1\": PID 1 inside"
                : "grep NSpid /proc/PID/status — two numbers: the host's pid, then 1";
        return new Explanation(
                "A new PID namespace: its first process is PID 1 and sees only its own descendants."
                        + " The helper forks, and the child becomes the container's PID 1.",
                "unshare(CLONE_NEWPID); fork()",
                "unshare --pid --fork",
                look);
    }

    @Override
    public void apply(ContainerBuild b) {
        b.helper().call("unshare", "pid");
        // The new namespace has no inode to show until its first process exists: fork reports it.
        Reply forked = b.helper().call("fork");
        b.initPid(forked.getLong("init"));
        b.recordNamespace(Namespace.PID, forked.getLong("pid"));
    }
}
