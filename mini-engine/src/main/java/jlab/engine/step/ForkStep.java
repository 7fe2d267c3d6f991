package jlab.engine.step;

/**
 * After setns into a PID namespace, the helper itself is still where it was:
 * a process never changes its pid. Its next child is born in the container's
 * PID namespace, with the next free pid there (never 1: that is the
 * container's init). The child carries on as the command; the parent becomes
 * its reaper and reports its exit code, as {@code nsenter --fork} does.
 */
public final class ForkStep implements Step {
    @Override
    public String name() { return "fork"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        String look = b.initPid() > 0
                ? "grep NSpid /proc/" + b.initPid() + "/status — its host pid, then its pid inside"
                : "grep NSpid /proc/PID/status — two numbers: the host's pid, then the pid inside";
        return new Explanation(
                "Fork: the child is born in the container's PID namespace and will become the command; the parent"
                        + " waits for it and passes its exit code on.",
                "fork()",
                "(nsenter forks by itself after -p; --no-fork would not)",
                look);
    }

    @Override
    public void apply(ContainerBuild b) {
        b.initPid(b.helper().call("fork").getLong("init"));
    }
}
