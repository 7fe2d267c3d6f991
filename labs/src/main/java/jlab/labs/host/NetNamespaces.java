package jlab.labs.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

import jlab.kernel.proc.MountInfo;
import jlab.kernel.proc.ProcFs;

/**
 * Named network namespaces as {@code ip netns add NAME} makes them: an empty
 * file /run/netns/NAME on which the namespace (an nsfs inode, what
 * /proc/PID/ns/net names) is bind-mounted, so that it lives on with no
 * process in it. A plain file there is no namespace: the mount is what
 * counts, and /proc/self/mountinfo shows it ({@code nsfs} at that path).
 */
public final class NetNamespaces {
    /** Where ip(8) keeps them: {@code ip netns list} lists this directory. */
    public static final Path RUN_NETNS = Path.of("/run/netns");

    private NetNamespaces() {}

    public static Path path(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("a network namespace's name cannot be '" + name + "'");
        }
        return RUN_NETNS.resolve(name);
    }

    /** Whether nsfs is mounted on /run/netns/NAME in jlab's (the host's) mount namespace. */
    public static boolean mounted(String name) {
        return mountOf(name, ProcFs.host(), ProcessHandle.current().pid()) != null;
    }

    /** The nsfs mount at /run/netns/NAME (the last one stacked there), or null. */
    static MountInfo mountOf(String name, ProcFs proc, long self) {
        String at = path(name).toString();
        List<MountInfo> mounts = proc.mountInfo(self);
        MountInfo found = null;
        for (MountInfo m : mounts) {
            if (m.mountPoint().equals(at) && m.fsType().equals("nsfs")) found = m;
        }
        return found;
    }

    /** The namespace's inode (net:[INODE], as /proc/PID/ns/net of its processes reads), if it is mounted. */
    public static OptionalLong inode(String name) {
        if (!mounted(name)) return OptionalLong.empty();
        try {
            Object ino = Files.getAttribute(path(name), "unix:ino", LinkOption.NOFOLLOW_LINKS);
            return OptionalLong.of(((Number) ino).longValue());
        } catch (IOException | UnsupportedOperationException e) {
            return OptionalLong.empty();
        }
    }

    /** Whether a file (not a namespace) lies at /run/netns/NAME: a {@code touch} or an interrupted {@code ip netns add}. */
    public static boolean plainFile(String name) {
        return Files.exists(path(name), LinkOption.NOFOLLOW_LINKS) && !mounted(name);
    }
}
