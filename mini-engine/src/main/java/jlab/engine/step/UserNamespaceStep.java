package jlab.engine.step;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jlab.kernel.ns.Namespace;

/**
 * A user namespace in which the container's root is an ordinary user of the
 * host. Inside, uid 0 has every capability — over the container's own
 * namespaces only. Outside, it is uid 100000: if it escaped, it could do no
 * more than that unprivileged user.
 *
 * The helper unshares; the host then writes the mapping into
 * /proc/PID/uid_map and gid_map ("0 100000 65536": ids 0..65535 inside are
 * 100000..165535 outside); only then can the process become uid 0 inside.
 *
 * It comes last, after every mount: the mount namespace stays owned by the
 * host's user namespace, so the container's root cannot undo them. The image's
 * files belong to host uid 0, which is not mapped: inside they show as
 * nobody (65534) — which is why Docker's userns-remap chowns its image layers.
 */
public final class UserNamespaceStep implements Step {
    public static final long HOST_ID_BASE = 100_000;
    public static final long RANGE = 65_536;

    @Override
    public String name() { return "unshare user"; }

    private static String map() { return "0 " + HOST_ID_BASE + " " + RANGE; }

    @Override
    public Explanation explain(ContainerBuild b) {
        String pid = b.hasHelper() ? Long.toString(b.processPid()) : "PID";
        return new Explanation(
                "A user namespace: root inside is uid " + HOST_ID_BASE + " on the host, powerless outside the container.",
                "unshare(CLONE_NEWUSER); then, from the host: write(\"/proc/" + pid + "/uid_map\", \"" + map() + "\")",
                "unshare --user; echo '" + map() + "' > /proc/" + pid + "/uid_map",
                "cat /proc/" + pid + "/uid_map; ps -o user,pid,cmd -p " + pid + " on the host shows uid " + HOST_ID_BASE);
    }

    @Override
    public void apply(ContainerBuild b) {
        b.recordNamespace(Namespace.USER, b.helper().call("unshare", "user").getLong("user"));
        Path proc = Path.of("/proc", Long.toString(b.processPid()));
        try {
            Files.writeString(proc.resolve("uid_map"), map());
            Files.writeString(proc.resolve("gid_map"), map());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + proc + "/uid_map: " + e.getMessage(), e);
        }
    }
}
