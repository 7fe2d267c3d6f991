package jlab.engine.step;

import jlab.engine.image.Passwd;

/**
 * Becomes the user the command runs as ({@code --user}, root by default):
 * setgroups, setgid, setuid — in that order, because once the uid is not 0
 * the process may no longer change its groups. For a non-root user the kernel
 * clears its capabilities on the way.
 */
public final class SetUserStep implements Step {
    @Override
    public String name() { return "set user"; }

    static Passwd.User user(ContainerBuild b) {
        return Passwd.resolve(b.image(), b.spec().user() != null ? b.spec().user() : b.image().user());
    }

    @Override
    public Explanation explain(ContainerBuild b) {
        Passwd.User u = user(b);
        return new Explanation("Run as uid " + u.uid() + ", gid " + u.gid() + ", with no supplementary groups.",
                "setgroups(0, NULL); setresgid(" + u.gid() + ", ...); setresuid(" + u.uid() + ", ...)",
                "setpriv --reuid=" + u.uid() + " --regid=" + u.gid() + " --clear-groups",
                "grep -E 'Uid|Gid' /proc/" + (b.hasHelper() ? b.processPid() : "PID") + "/status");
    }

    @Override
    public void apply(ContainerBuild b) {
        Passwd.User u = user(b);
        b.helper().call("setid", Long.toString(u.uid()), Long.toString(u.gid()));
    }
}
