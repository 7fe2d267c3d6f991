package jlab.kernel.proc;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jlab.kernel.caps.Capability;

/**
 * What /proc/PID/status says about a process (the fields a container engine cares about).
 *
 * @param name        the command name the kernel keeps (comm): the executable's file name cut to 15
 *                    bytes, or what the process set with prctl(PR_SET_NAME)
 * @param state       R running, S sleeping, D uninterruptible (waiting for I/O), T stopped,
 *                    t traced, Z zombie (exited, waiting to be reaped), X dead, I idle kernel thread
 * @param pid         the process id, as the reader's PID namespace numbers it
 * @param ppid        its parent, likewise; 0 when the parent is outside the reader's namespace
 * @param nsPids      NSpid: the process's pid in each PID namespace it belongs to, from the reader's
 *                    namespace down to its own; the last is the pid the process sees for itself
 *                    ({@code 4242 1}: 4242 on the host, 1 inside its container)
 * @param uids        real, effective, saved and filesystem user ids, as seen from the reader's user
 *                    namespace (an id with no mapping there reads 65534, "nobody")
 * @param gids        the same for groups
 * @param capEff      effective capabilities: what the kernel checks right now
 * @param capPrm      permitted: what the process may make effective
 * @param capBnd      bounding set: the most it or its children can ever gain through execve
 * @param capEffMask  CapEff as the kernel wrote it, with bits this enum may not know
 * @param capBndMask  CapBnd likewise
 * @param noNewPrivs  prctl(PR_SET_NO_NEW_PRIVS) is set: execve can no longer grant privileges
 *                    (setuid bits and file capabilities are ignored); false before Linux 4.10
 *                    showed the field
 * @param seccomp     0 no filter, 1 strict mode, 2 a BPF filter decides which syscalls are allowed
 */
public record ProcStatus(String name, char state, long pid, long ppid, List<Long> nsPids,
                         long[] uids, long[] gids, Set<Capability> capEff, Set<Capability> capPrm,
                         Set<Capability> capBnd, long capEffMask, long capBndMask, boolean noNewPrivs,
                         int seccomp) {

    public ProcStatus {
        Objects.requireNonNull(name, "name");
        nsPids = List.copyOf(nsPids);
        if (nsPids.isEmpty()) throw new IllegalArgumentException("nsPids needs at least the pid itself");
        uids = fourIds(uids, "uids");
        gids = fourIds(gids, "gids");
        capEff = capabilitySet(capEff);
        capPrm = capabilitySet(capPrm);
        capBnd = capabilitySet(capBnd);
    }

    /** The pid the process sees for itself (getpid()): the last NSpid. 1 for a container's init. */
    public long pidInInnermostNamespace() {
        return nsPids.get(nsPids.size() - 1);
    }

    /** Real, effective, saved, filesystem user ids (a copy). */
    @Override
    public long[] uids() {
        return uids.clone();
    }

    /** Real, effective, saved, filesystem group ids (a copy). */
    @Override
    public long[] gids() {
        return gids.clone();
    }

    /** The user id permission checks use. */
    public long effectiveUid() {
        return uids[1];
    }

    /** True for a process that exited and whose parent has not collected its exit status. */
    public boolean isZombie() {
        return state == 'Z';
    }

    /** Records compare arrays by identity; a status compares its ids by value. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ProcStatus)) return false;
        ProcStatus s = (ProcStatus) o;
        return name.equals(s.name) && state == s.state && pid == s.pid && ppid == s.ppid
                && nsPids.equals(s.nsPids) && Arrays.equals(uids, s.uids) && Arrays.equals(gids, s.gids)
                && capEff.equals(s.capEff) && capPrm.equals(s.capPrm) && capBnd.equals(s.capBnd)
                && capEffMask == s.capEffMask && capBndMask == s.capBndMask
                && noNewPrivs == s.noNewPrivs && seccomp == s.seccomp;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, pid, nsPids, Arrays.hashCode(uids), Arrays.hashCode(gids), capEffMask);
    }

    @Override
    public String toString() {
        return "ProcStatus[name=" + name + ", state=" + state + ", pid=" + pid + ", ppid=" + ppid
                + ", nsPids=" + nsPids + ", uids=" + Arrays.toString(uids) + ", gids=" + Arrays.toString(gids)
                + ", capEff=" + capEff + ", capPrm=" + capPrm + ", capBnd=" + capBnd
                + ", capEffMask=" + Long.toHexString(capEffMask) + ", capBndMask=" + Long.toHexString(capBndMask)
                + ", noNewPrivs=" + noNewPrivs + ", seccomp=" + seccomp + "]";
    }

    private static long[] fourIds(long[] ids, String what) {
        if (ids.length != 4) throw new IllegalArgumentException(what + ": real, effective, saved, fs — got " + ids.length);
        return ids.clone();
    }

    private static Set<Capability> capabilitySet(Set<Capability> caps) {
        EnumSet<Capability> copy = EnumSet.noneOf(Capability.class);
        copy.addAll(caps);
        return Collections.unmodifiableSet(copy);
    }
}
