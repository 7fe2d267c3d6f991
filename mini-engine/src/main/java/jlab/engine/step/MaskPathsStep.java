package jlab.engine.step;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jlab.kernel.syscall.MountFlag;

/**
 * Hides or freezes the parts of /proc and /sys through which a container's
 * root could read the host's secrets or change the host, as Docker does:
 * /proc/kcore is the host's memory, /proc/sysrq-trigger can reboot it,
 * /proc/sys holds the kernel's settings. A masked file gets /dev/null mounted
 * over it; a masked directory an empty read-only tmpfs; a read-only path is
 * bind-mounted onto itself, then remounted read-only (a first bind mount
 * ignores MS_RDONLY: only a remount can make a bind mount read-only).
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

    /**
     * Where to look up which of these exist, and which are directories: the
     * host's own /proc and /sys show the same kernel as the container's.
     */
    private final Path hostRoot;

    public MaskPathsStep() { this(Path.of("/")); }

    MaskPathsStep(Path hostRoot) { this.hostRoot = hostRoot; }

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

    /** The mount requests, for the paths this kernel has (no /proc/acpi in a VM, no /proc/timer_stats since 4.11). */
    List<List<String>> requests() {
        List<List<String>> requests = new ArrayList<>();
        for (String path : MASKED) {
            Path host = hostRoot.resolve(path.substring(1));
            if (!Files.exists(host)) continue;
            Mount m = Files.isDirectory(host)
                    ? Mount.of("tmpfs", path, "tmpfs", "size=0", MountFlag.RDONLY)
                    : Mount.of("/dev/null", path, null, null, MountFlag.BIND);
            requests.add(m.request());
        }
        for (String path : READ_ONLY) {
            if (!Files.exists(hostRoot.resolve(path.substring(1)))) continue;
            requests.add(Mount.of(path, path, null, null, MountFlag.BIND, MountFlag.REC).request());
            requests.add(Mount.of(null, path, null, null, MountFlag.REMOUNT, MountFlag.BIND, MountFlag.RDONLY,
                    MountFlag.NOSUID, MountFlag.NODEV, MountFlag.NOEXEC).request());
        }
        return requests;
    }

    @Override
    public void apply(ContainerBuild b) {
        b.helper().pipeline(requests());
    }
}
