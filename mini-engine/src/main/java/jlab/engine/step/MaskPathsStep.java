package jlab.engine.step;

import java.util.List;

import jlab.kernel.KernelException;
import jlab.kernel.syscall.MountFlag;

/**
 * Hides or freezes the parts of /proc and /sys through which a container's
 * root could read the host's secrets or change the host, as Docker does:
 * /proc/kcore is the host's memory, /proc/sysrq-trigger can reboot it,
 * /proc/sys holds the kernel's settings. A masked file gets /dev/null mounted
 * over it; a masked directory an empty read-only tmpfs; a read-only path is
 * bind-mounted onto itself, then remounted read-only.
 */
public final class MaskPathsStep implements Step {
    /** moby's oci/defaults.go: the masked paths. */
    static final List<String> MASKED = List.of(
            "/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
            "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
            "/sys/devices/virtual/powercap");
    /** moby's oci/defaults.go: the read-only paths. */
    static final List<String> READ_ONLY = List.of(
            "/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

    @Override
    public String name() { return "mask paths"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        return new Explanation(
                "Hide /proc/kcore, /proc/keys, ... and make /proc/sys, /proc/sysrq-trigger, ... read-only:"
                        + " a container's root must not read the host's memory or reboot it.",
                "mount(\"/dev/null\", \"/proc/kcore\", NULL, MS_BIND, NULL); mount(\"/proc/sys\", \"/proc/sys\", NULL,"
                        + " MS_BIND|MS_REC, NULL); mount(NULL, \"/proc/sys\", NULL, MS_REMOUNT|MS_BIND|MS_RDONLY, NULL) ...",
                "mount --bind /dev/null /proc/kcore; mount --bind /proc/sys /proc/sys; mount -o remount,bind,ro /proc/sys",
                "cat /proc/kcore inside: empty; echo 1 > /proc/sys/... : Read-only file system");
    }

    @Override
    public void apply(ContainerBuild b) {
        for (String path : MASKED) {
            ignoreMissing(() -> {
                try {
                    Mount.of("/dev/null", path, null, null, MountFlag.BIND).apply(b);
                } catch (KernelException e) {
                    // a directory: /dev/null cannot be mounted over it (ENOTDIR); hide it under an empty tmpfs
                    if (!"ENOTDIR".equals(e.errnoName())) throw e;
                    Mount.of("tmpfs", path, "tmpfs", "size=0", MountFlag.RDONLY).apply(b);
                }
            });
        }
        for (String path : READ_ONLY) {
            ignoreMissing(() -> {
                Mount.of(path, path, null, null, MountFlag.BIND, MountFlag.REC).apply(b);
                Mount.of(null, path, null, null, MountFlag.REMOUNT, MountFlag.BIND, MountFlag.RDONLY,
                        MountFlag.NOSUID, MountFlag.NODEV, MountFlag.NOEXEC).apply(b);
            });
        }
    }

    /** A path this kernel does not have (no /proc/acpi in a VM) needs no masking. */
    private static void ignoreMissing(Runnable r) {
        try {
            r.run();
        } catch (KernelException e) {
            if (!"ENOENT".equals(e.errnoName())) throw e;
        }
    }
}
