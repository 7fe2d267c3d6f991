package jlab.kernel;

import java.util.Map;

/**
 * One sentence a student can act on, for the failures students meet most.
 * Keyed by "operation errno"; a lookup by errno alone is the fallback.
 *
 * The kernel's errno is terse: EINVAL from pivot_root can mean five different
 * things. These sentences name the usual cause in a container's life.
 */
public final class Hints {
    private Hints() {}

    private static final Map<String, String> BY_OPERATION = Map.ofEntries(
            Map.entry("pivot_root EINVAL",
                    "new_root must be a mount point, and neither it nor the current root may have shared propagation:"
                            + " bind-mount the rootfs onto itself and make mounts private (mount --make-rprivate /) first"),
            Map.entry("pivot_root EBUSY",
                    "new_root is on the current root mount (bind-mount the rootfs onto itself first),"
                            + " or it or put_old is already the root, or something is mounted on put_old"),
            Map.entry("pivot_root EPERM", "pivot_root needs CAP_SYS_ADMIN in the user namespace that owns the mount namespace"),
            Map.entry("unshare EINVAL",
                    "a multithreaded process cannot unshare a user namespace: do it in the single-threaded native helper"),
            Map.entry("unshare EPERM", "creating namespaces needs CAP_SYS_ADMIN: run jlab as root (sudo)"),
            Map.entry("unshare ENOSPC",
                    "the limit of namespaces of this type is reached: see /proc/sys/user/max_*_namespaces"),
            Map.entry("unshare EUSERS", "too many nested user namespaces (the kernel allows 32 levels)"),
            Map.entry("mount ENODEV", "the kernel does not know this filesystem type: is its module loaded? (see /proc/filesystems)"),
            Map.entry("mount ENOENT", "the mount point (or the source) does not exist: create the directory first"),
            Map.entry("mount EPERM", "mounting needs CAP_SYS_ADMIN in the user namespace that owns this mount namespace"),
            Map.entry("mount EBUSY", "something is already mounted there, or the source is busy"),
            Map.entry("mount EINVAL",
                    "the flags do not fit this mount (an overlay needs lowerdir, upperdir and workdir on one filesystem;"
                            + " a remount needs an existing mount point)"),
            Map.entry("umount2 EINVAL", "this path is not a mount point"),
            Map.entry("umount2 EBUSY", "the mount is in use: a process has its cwd or a file there (use a lazy detach)"),
            Map.entry("sethostname EPERM", "changing the hostname needs CAP_SYS_ADMIN in the UTS namespace's user namespace"),
            Map.entry("setns EINVAL", "the file is not a namespace of the type asked, or the caller cannot join it"),
            Map.entry("setns EPERM", "joining a namespace needs CAP_SYS_ADMIN in the namespace's owning user namespace"),
            Map.entry("chroot EPERM", "chroot needs CAP_SYS_CHROOT"),
            Map.entry("mknod EPERM", "creating device nodes needs CAP_MKNOD, which a user namespace does not grant"),
            Map.entry("exec ENOENT", "the command is not in the container's PATH, or its interpreter (#!) is missing"),
            Map.entry("exec EACCES", "the file is not executable (chmod +x) or is on a noexec mount"),
            Map.entry("exec ENOEXEC", "the file is not a program this kernel can run (no #! line, or a foreign binary)"),
            Map.entry("cgroup.procs EBUSY",
                    "cgroup v2 forbids processes in a cgroup whose controllers are enabled for its children (no internal processes)"),
            Map.entry("rmdir EBUSY", "the cgroup still has processes or children: kill them, or remove the children first"));

    private static final Map<String, String> BY_ERRNO = Map.of(
            "EPERM", "this needs root (CAP_SYS_ADMIN): run jlab with sudo",
            "EACCES", "permission denied: check the file's mode and owner, and whether the mount is read-only",
            "ENOENT", "the path does not exist",
            "EROFS", "this filesystem is mounted read-only");

    /** The hint for {@code operation} failing with {@code errnoName}, or null if we know nothing better. */
    public static String forFailure(String operation, String errnoName) {
        String hint = BY_OPERATION.get(operation + " " + errnoName);
        return hint != null ? hint : BY_ERRNO.get(errnoName);
    }
}
