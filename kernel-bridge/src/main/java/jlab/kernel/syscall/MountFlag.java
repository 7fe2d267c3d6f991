package jlab.kernel.syscall;

import java.util.Set;
import java.util.StringJoiner;

/**
 * Flags of mount(2), with their names as mount(8) spells them.
 * The propagation flags (private, slave, shared) change an existing mount
 * instead of making one: mount(NULL, "/", NULL, MS_REC|MS_PRIVATE, NULL) is
 * {@code mount --make-rprivate /}.
 */
public enum MountFlag {
    RDONLY(1L, "ro"),
    NOSUID(2L, "nosuid"),
    NODEV(4L, "nodev"),
    NOEXEC(8L, "noexec"),
    REMOUNT(32L, "remount"),
    NOATIME(1024L, "noatime"),
    BIND(4096L, "bind"),
    MOVE(8192L, "move"),
    REC(16384L, "rec"),
    UNBINDABLE(1L << 17, "unbindable"),
    PRIVATE(1L << 18, "private"),
    SLAVE(1L << 19, "slave"),
    SHARED(1L << 20, "shared"),
    RELATIME(1L << 21, "relatime"),
    STRICTATIME(1L << 24, "strictatime");

    private final long bits;
    private final String word;

    MountFlag(long bits, String word) {
        this.bits = bits;
        this.word = word;
    }

    /** The MS_* value. */
    public long bits() { return bits; }

    /** The name in the helper's protocol and in mount(8) options: {@code "nosuid"}. */
    public String word() { return word; }

    /** The MS_* constant's name: {@code "MS_NOSUID"}. */
    public String constant() { return "MS_" + name(); }

    public static long bits(Set<MountFlag> flags) {
        long b = 0;
        for (MountFlag f : flags) b |= f.bits;
        return b;
    }

    /** {@code "bind,rec"}: the helper protocol's FLAGS field. */
    public static String words(Set<MountFlag> flags) {
        StringJoiner j = new StringJoiner(",");
        for (MountFlag f : flags) j.add(f.word);
        return j.toString();
    }

    /** {@code "MS_BIND|MS_REC"}, or {@code "0"}: as a C programmer writes it. */
    public static String constants(Set<MountFlag> flags) {
        if (flags.isEmpty()) return "0";
        StringJoiner j = new StringJoiner("|");
        for (MountFlag f : flags) j.add(f.constant());
        return j.toString();
    }
}
