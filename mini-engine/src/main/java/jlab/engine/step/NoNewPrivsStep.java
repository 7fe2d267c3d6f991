package jlab.engine.step;

/**
 * Sets no_new_privs: from now on, no exec can raise privileges — a setuid
 * binary runs with the caller's ids, file capabilities are ignored. It is
 * inherited by every descendant and can never be unset.
 */
public final class NoNewPrivsStep implements Step {
    @Override
    public String name() { return "no new privileges"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        return new Explanation("No process of the container can ever gain privileges through exec (setuid, file caps).",
                "prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)",
                "setpriv --no-new-privs",
                "grep NoNewPrivs /proc/" + (b.hasHelper() ? b.processPid() : "PID") + "/status — 1");
    }

    @Override
    public void apply(ContainerBuild b) {
        b.helper().call("nonewprivs");
    }
}
