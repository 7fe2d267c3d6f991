package jlab.kernel.proc;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of /proc/PID/mountinfo: one mount in the process's mount namespace.
 *
 * <pre>
 * 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
 * (1)(2)(3)   (4)   (5)      (6)      (7)   (8) (9)   (10)         (11)
 * </pre>
 *
 * Unlike /proc/mounts, mountinfo tells which part of a filesystem is mounted (a bind
 * mount of a subdirectory has root {@code /sub}), who the parent mount is, and how
 * events propagate between mount namespaces.
 *
 * @param mountId       (1) the mount's id in this table (ids are reused after unmount)
 * @param parentId      (2) the mount it sits on; the root mount's parent may not be in the table
 *                      (it is outside the process's root, hidden by chroot or pivot_root)
 * @param majorMinor    (3) the device of the filesystem, {@code 8:1}; {@code 0:N} for filesystems
 *                      with no block device (tmpfs, proc, overlay)
 * @param root          (4) the directory of that filesystem that is mounted: {@code /} for the whole
 *                      filesystem, a subdirectory for a bind mount
 * @param mountPoint    (5) where it is mounted, relative to the process's root directory
 * @param mountOptions  (6) options of this mount: ro/rw, nosuid, nodev, noexec, relatime...
 * @param optionalFields (7) zero or more {@code tag[:value]}: propagation peer groups, see {@link #propagation()}
 * @param fsType        (9) after the lone {@code -} (8): the filesystem type, {@code ext4},
 *                      {@code overlay}, {@code fuse.sshfs}
 * @param source        (10) what was mounted: a device, or any word the mounter chose ({@code none},
 *                      {@code overlay}, {@code proc})
 * @param superOptions  (11) options of the filesystem itself (the superblock), shared by every mount
 *                      of it, as the kernel wrote them (still escaped: see {@link #superOption})
 */
public record MountInfo(int mountId, int parentId, String majorMinor, String root, String mountPoint,
                        String mountOptions, List<String> optionalFields, String fsType, String source,
                        String superOptions) {

    public MountInfo {
        Objects.requireNonNull(mountPoint, "mountPoint");
        optionalFields = List.copyOf(optionalFields);
    }

    /**
     * True when writes here fail with EROFS: the mount is read-only ({@code ro} in the
     * mount options, e.g. {@code mount -o remount,bind,ro}), or the filesystem itself is
     * ({@code ro} in the super options, then every mount of it is).
     */
    public boolean readOnly() {
        return hasOption(mountOptions, "ro") || hasOption(superOptions, "ro");
    }

    /**
     * How mount and unmount events travel to and from this mount, from the optional fields:
     * <ul>
     *   <li>{@code shared:N}: it is in peer group N; a mount under it appears in every peer
     *       (the peers are usually copies in other mount namespaces);</li>
     *   <li>{@code master:N}: it is a slave of peer group N: it receives their events but
     *       sends none back ({@code mount --make-rslave /});</li>
     *   <li>both, {@code shared:2 master:1}: a slave that is also shared with its own peers;</li>
     *   <li>{@code unbindable}: it cannot be bind-mounted;</li>
     *   <li>{@code private} (no field at all): events go neither way.</li>
     * </ul>
     * pivot_root refuses a new root or an old root with shared propagation, which is why a
     * container runtime makes its mounts private or slave first.
     */
    public String propagation() {
        return optionalFields.isEmpty() ? "private" : String.join(" ", optionalFields);
    }

    /** True when mounts made here propagate to peers ({@code shared:N}). */
    public boolean isShared() {
        return optionalFields.stream().anyMatch(f -> f.startsWith("shared:"));
    }

    /**
     * The value of a super option, unescaped: {@code superOption("lowerdir")} of an overlay
     * gives its image layers, {@code "/l1:/l2"}. A flag such as {@code rw} gives "". The kernel
     * escapes a comma inside a value as {@code \054}, so splitting at commas first is safe.
     */
    public Optional<String> superOption(String key) {
        for (String option : superOptions.split(",")) {
            int eq = option.indexOf('=');
            String name = eq < 0 ? option : option.substring(0, eq);
            if (name.equals(key)) return Optional.of(eq < 0 ? "" : OctalEscapes.unescape(option.substring(eq + 1)));
        }
        return Optional.empty();
    }

    private static boolean hasOption(String options, String flag) {
        return Arrays.asList(options.split(",")).contains(flag);
    }
}
