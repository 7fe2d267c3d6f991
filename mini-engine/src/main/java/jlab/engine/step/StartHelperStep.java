package jlab.engine.step;

import jlab.kernel.helper.Helper;

/**
 * Starts the native helper: a tiny single-threaded C process that will become
 * the container. It starts in the host's namespaces, like any process;
 * every later step changes it, one system call at a time.
 */
public final class StartHelperStep implements Step {
    private final boolean dieWithParent;

    /** @param dieWithParent the container dies if jlab does (a foreground run) */
    public StartHelperStep(boolean dieWithParent) { this.dieWithParent = dieWithParent; }

    @Override
    public String name() { return "helper"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        return new Explanation(
                "Start the process that will become the container. A JVM cannot change its own namespaces the way a"
                        + " single-threaded program can, so a small C helper does the in-container steps on request.",
                "posix_spawn(\"" + b.helperBinary().path() + "\")" + (dieWithParent ? " + prctl(PR_SET_PDEATHSIG, SIGKILL)"
                        : " --detach: fork(), the parent exits, setsid(): no child of jlab, in a session of its own"),
                "(the helper has no shell equivalent: it is the process that unshare(1) would start)",
                b.hasHelper() ? "ls -l /proc/" + b.helper().pid() + "/ns — still the host's namespaces" : "ls -l /proc/PID/ns");
    }

    @Override
    public void apply(ContainerBuild b) {
        // Detached: the helper leaves jlab at once (fork, setsid), to outlive it as the container's supervisor.
        b.helper(dieWithParent ? Helper.start(b.helperBinary(), true) : Helper.startDetached(b.helperBinary()));
    }

    @Override
    public void undo(ContainerBuild b) {
        if (b.hasHelper()) b.helper().close();
    }

    @Override
    public boolean inHelper() { return false; }
}
