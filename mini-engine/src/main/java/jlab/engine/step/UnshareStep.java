package jlab.engine.step;

import jlab.kernel.ns.Namespace;

/**
 * Moves the helper into a new namespace of one kind. From then on it sees its
 * own copy of what that namespace isolates (a hostname, a mount table, a
 * network stack), and so will the command it becomes.
 */
public final class UnshareStep implements Step {
    private final Namespace ns;

    public UnshareStep(Namespace ns) {
        if (ns == Namespace.PID) throw new IllegalArgumentException("the PID namespace has its own step");
        this.ns = ns;
    }

    public Namespace namespace() { return ns; }

    @Override
    public String name() { return "unshare " + ns.procName(); }

    @Override
    public Explanation explain(ContainerBuild b) {
        String pid = b.hasHelper() ? Long.toString(b.processPid()) : "PID";
        return new Explanation(
                "A new " + ns.procName() + " namespace, which isolates " + ns.isolates() + ": from now on the"
                        + " container has its own.",
                "unshare(" + ns.cloneFlagName() + ")",
                "unshare " + ns.unshareOption(),
                "readlink /proc/" + pid + "/ns/" + ns.procName() + " — its inode now differs from the host's"
                        + " (readlink /proc/self/ns/" + ns.procName() + ")");
    }

    @Override
    public void apply(ContainerBuild b) {
        b.recordNamespace(ns, b.helper().call("unshare", ns.procName()).getLong(ns.procName()));
    }
}
