package jlab.kernel.caps;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Linux capabilities (capabilities(7)): root's power cut into pieces. A process
 * has several sets of them; /proc/PID/status shows each as a hex mask
 * ({@code CapEff: 00000000a80425fb}) in which bit N is the capability numbered N.
 */
public enum Capability {
    CHOWN(0), DAC_OVERRIDE(1), DAC_READ_SEARCH(2), FOWNER(3), FSETID(4), KILL(5), SETGID(6), SETUID(7),
    SETPCAP(8), LINUX_IMMUTABLE(9), NET_BIND_SERVICE(10), NET_BROADCAST(11), NET_ADMIN(12), NET_RAW(13),
    IPC_LOCK(14), IPC_OWNER(15), SYS_MODULE(16), SYS_RAWIO(17), SYS_CHROOT(18), SYS_PTRACE(19), SYS_PACCT(20),
    SYS_ADMIN(21), SYS_BOOT(22), SYS_NICE(23), SYS_RESOURCE(24), SYS_TIME(25), SYS_TTY_CONFIG(26), MKNOD(27),
    LEASE(28), AUDIT_WRITE(29), AUDIT_CONTROL(30), SETFCAP(31), MAC_OVERRIDE(32), MAC_ADMIN(33), SYSLOG(34),
    WAKE_ALARM(35), BLOCK_SUSPEND(36), AUDIT_READ(37), PERFMON(38), BPF(39), CHECKPOINT_RESTORE(40);

    /**
     * What Docker leaves a container's root with (moby's oci/caps/defaults.go).
     * Everything else — SYS_ADMIN, NET_ADMIN, SYS_MODULE, SYS_PTRACE... — is dropped.
     */
    public static final Set<Capability> DOCKER_DEFAULTS = EnumSet.of(
            CHOWN, DAC_OVERRIDE, FSETID, FOWNER, MKNOD, NET_RAW, SETGID, SETUID, SETFCAP, SETPCAP,
            NET_BIND_SERVICE, SYS_CHROOT, KILL, AUDIT_WRITE);

    private final int number;

    Capability(int number) { this.number = number; }

    /** The bit number, as in {@code <linux/capability.h>}. */
    public int number() { return number; }

    /** {@code "net_bind_service"}: the helper protocol's name, also capsh's without the prefix. */
    public String shortName() { return name().toLowerCase(Locale.ROOT); }

    /** {@code "CAP_NET_BIND_SERVICE"}. */
    public String kernelName() { return "CAP_" + name(); }

    /** Accepts {@code "CAP_SYS_ADMIN"}, {@code "sys_admin"} or {@code "SYS_ADMIN"}. */
    public static Optional<Capability> byName(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (n.startsWith("CAP_")) n = n.substring(4);
        try {
            return Optional.of(valueOf(n));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Decodes a mask from /proc/PID/status; bits this enum does not know are ignored. */
    public static Set<Capability> fromMask(long mask) {
        Set<Capability> caps = EnumSet.noneOf(Capability.class);
        for (Capability c : values()) {
            if ((mask & (1L << c.number)) != 0) caps.add(c);
        }
        return caps;
    }

    /** The mask of a set, as /proc/PID/status would show it. */
    public static long toMask(Set<Capability> caps) {
        long mask = 0;
        for (Capability c : caps) mask |= 1L << c.number;
        return mask;
    }
}
