package jlab.engine.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jlab.kernel.helper.Reply;
import jlab.kernel.ns.Namespace;
import jlab.kernel.proc.ProcFs;

/**
 * Joins the namespaces of a running container, as {@code nsenter} and
 * {@code runc exec} do: setns(2) with a file descriptor of each
 * /proc/PID/ns/NAME of the container's PID 1. A namespace is not a place but
 * a kernel object; an open file of it is a handle, and setns moves the caller
 * into the object the handle names.
 *
 * <p>The order matters, and the helper opens every file before it joins any
 * (once in the container's mount namespace, /proc is the container's, where
 * the host's pid of PID 1 names nothing):
 * <ol>
 * <li>cgroup, ipc, uts, net, pid, mnt: each is owned by the user namespace of
 *     whoever made it. jlab makes them as host root, before any user
 *     namespace, so joining them needs CAP_SYS_ADMIN in the host's user
 *     namespace: the helper has it, as host root, but only until it joins...</li>
 * <li>user, last (with --userns): inside it the helper is root of the
 *     container's user namespace only, and could join nothing owned by the
 *     host's any more.</li>
 * </ol>
 * Joining the mount namespace also moves the root and working directory to
 * the container's root: that is how exec sees the container's files. Joining
 * the PID namespace only decides where the helper's <em>next child</em> is
 * born: {@link ForkStep} follows.
 */
public final class SetnsStep implements Step {
    /** The order the kernel accepts for a container jlab made (see the class comment). */
    static final List<Namespace> ORDER = List.of(Namespace.CGROUP, Namespace.IPC, Namespace.UTS, Namespace.NET,
            Namespace.PID, Namespace.TIME, Namespace.MNT, Namespace.USER);

    private final long targetPid;
    private final List<Namespace> namespaces;

    /** @param namespaces the ones to join, in {@link #ORDER} */
    public SetnsStep(long targetPid, List<Namespace> namespaces) {
        this.targetPid = targetPid;
        this.namespaces = ORDER.stream().filter(namespaces::contains).toList();
    }

    /**
     * The namespaces of {@code targetPid} that are not this process's own, in
     * the order to join them: {@code nsenter --all} also skips those (joining
     * one's own user namespace is refused with EINVAL).
     */
    public static SetnsStep into(long targetPid) {
        ProcFs proc = ProcFs.host();
        Map<Namespace, Long> theirs = proc.namespaces(targetPid);
        Map<Namespace, Long> ours = proc.namespaces(ProcessHandle.current().pid());
        List<Namespace> differ = new ArrayList<>();
        theirs.forEach((ns, inode) -> {
            if (!inode.equals(ours.get(ns))) differ.add(ns);
        });
        return new SetnsStep(targetPid, differ);
    }

    public List<Namespace> namespaces() { return namespaces; }

    @Override
    public String name() { return "setns"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        StringBuilder flags = new StringBuilder();
        List<String> calls = new ArrayList<>();
        for (Namespace ns : namespaces) {
            flags.append(' ').append(nsenterFlag(ns));
            calls.add("setns(open(\"/proc/" + targetPid + "/ns/" + ns.procName() + "\"), " + ns.cloneFlagName() + ")");
        }
        return new Explanation(
                "Join the container's namespaces (" + String.join(" ", namespaces.stream().map(Namespace::procName).toList())
                        + "): every /proc/" + targetPid + "/ns file is opened first, then joined; the user namespace"
                        + " last, because the others belong to the host's user namespace and only host root may join them.",
                String.join("; ", calls),
                "nsenter -t " + targetPid + flags,
                "readlink /proc/" + (b.hasHelper() ? b.helper().pid() : "HELPER") + "/ns/uts — the same inode as"
                        + " readlink /proc/" + targetPid + "/ns/uts");
    }

    private static String nsenterFlag(Namespace ns) {
        return switch (ns) {
            case MNT -> "-m";
            case UTS -> "-u";
            case IPC -> "-i";
            case NET -> "-n";
            case PID -> "-p";
            case CGROUP -> "-C";
            case USER -> "-U";
            case TIME -> "-T";
        };
    }

    @Override
    public void apply(ContainerBuild b) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(targetPid));
        namespaces.forEach(ns -> args.add(ns.procName()));
        Reply joined = b.helper().call("setns", args.toArray(new String[0]));
        for (Namespace ns : namespaces) b.recordNamespace(ns, joined.getLong(ns.procName()));
    }
}
