package jlab.engine.stepmode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jlab.engine.step.ContainerBuild;
import jlab.kernel.ns.Namespace;
import jlab.kernel.proc.MountInfo;
import jlab.kernel.proc.NetDevice;
import jlab.kernel.proc.ProcFs;
import jlab.kernel.proc.ProcStatus;

/**
 * The kernel state a step may touch, read from /proc before and after it, so
 * that a student sees what changed. One small named probe per kind: the
 * namespace inodes (beside jlab's own, the host's), the hostname (read in the
 * container's UTS namespace), the mount table, the cgroup's limit files, the
 * network links, and the process's status (pid inside, capabilities, user,
 * no_new_privs). Only what differs between two readings is shown.
 *
 * @param values  kind/key to value, e.g. "ns uts" -> "4026532201", "hostname" -> "box"
 * @param mounts  the process's mount points (mountinfo), for the lines added or removed
 */
public record KernelState(Map<String, String> values, List<String> mounts) {

    /** One difference: a value that changed, or mount lines that came or went. */
    public record Change(String key, String before, String after) {}

    /** Reads what can be read now: nothing of the process before the helper exists. */
    public static KernelState read(ContainerBuild b) {
        Map<String, String> v = new LinkedHashMap<>();
        List<String> mounts = new ArrayList<>();
        ProcFs proc = ProcFs.host();
        long pid = b.hasHelper() ? b.processPid() : 0;
        if (pid > 0 && proc.root().resolve(Long.toString(pid)).toFile().isDirectory()) {
            probeNamespaces(proc, pid, v);
            probeHostname(pid, v);
            probeStatus(proc, pid, v);
            probeLinks(proc, pid, v);
            for (MountInfo m : safe(() -> proc.mountInfo(pid), List.<MountInfo>of())) {
                mounts.add(m.mountPoint() + " (" + m.fsType() + ")");
            }
        }
        probeCgroup(b, v);
        return new KernelState(v, mounts);
    }

    /** ns X: the process's namespace inode, and the host's (jlab's own) beside it. */
    private static void probeNamespaces(ProcFs proc, long pid, Map<String, String> v) {
        Map<Namespace, Long> mine = safe(() -> proc.namespaces(pid), Map.of());
        Map<Namespace, Long> host = safe(() -> proc.namespaces(ProcessHandle.current().pid()), Map.of());
        for (Map.Entry<Namespace, Long> e : mine.entrySet()) {
            Long h = host.get(e.getKey());
            String same = Objects.equals(h, e.getValue()) ? "the host's" : "host " + h;
            v.put("ns " + e.getKey().procName(), e.getValue() + " (" + same + ")");
        }
    }

    /** hostname: as the container sees it, in its UTS namespace. */
    private static void probeHostname(long pid, Map<String, String> v) {
        String h = safe(() -> Probes.hostname(pid), null);
        if (h != null) v.put("hostname", h);
    }

    /** The process: its pid inside (NSpid), effective capabilities, uid, no_new_privs. */
    private static void probeStatus(ProcFs proc, long pid, Map<String, String> v) {
        ProcStatus s = safe(() -> proc.status(pid), null);
        if (s == null) return;
        v.put("process", "host pid " + pid + ", pid inside " + s.pidInInnermostNamespace());
        v.put("CapEff", String.format("%016x (%d capabilities)", s.capEffMask(), Long.bitCount(s.capEffMask())));
        v.put("Uid", Long.toString(s.effectiveUid()));
        v.put("NoNewPrivs", s.noNewPrivs() ? "1" : "0");
    }

    /** links: the network devices of its network namespace (/proc/PID/net/dev). */
    private static void probeLinks(ProcFs proc, long pid, Map<String, String> v) {
        List<NetDevice> devices = safe(() -> proc.netDevices(pid), null);
        if (devices != null) v.put("links", String.join(" ", devices.stream().map(NetDevice::name).sorted().toList()));
    }

    /** cgroup FILE: the limit files of the container's cgroup, once it exists. */
    private static void probeCgroup(ContainerBuild b, Map<String, String> v) {
        if (b.cgroup() == null) return;
        safe(() -> b.cgroup().limitValues(), Map.<String, String>of()).forEach((k, val) -> v.put("cgroup " + k, val));
    }

    /** What changed from {@code before} to this: values, then mount points removed and added. */
    public List<Change> changesSince(KernelState before) {
        List<Change> changes = new ArrayList<>();
        for (String key : union(before.values.keySet(), values.keySet())) {
            String a = before.values.get(key);
            String c = values.get(key);
            if (!Objects.equals(a, c)) changes.add(new Change(key, a, c));
        }
        List<String> removed = new ArrayList<>(before.mounts);
        removed.removeAll(mounts);
        List<String> added = new ArrayList<>(mounts);
        added.removeAll(before.mounts);
        if (!removed.isEmpty()) changes.add(new Change("mounts removed", summary(removed), null));
        if (!added.isEmpty()) changes.add(new Change("mounts added", null, summary(added)));
        return changes;
    }

    private static String summary(List<String> lines) {
        if (lines.size() <= 4) return String.join(", ", lines);
        return String.join(", ", lines.subList(0, 3)) + " and " + (lines.size() - 3) + " more";
    }

    private static List<String> union(java.util.Collection<String> a, java.util.Collection<String> b) {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }

    /** A process that exited (the helper after exec fails), a file a kernel lacks: the probe shows nothing. */
    private static <T> T safe(java.util.function.Supplier<T> read, T otherwise) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return otherwise;
        }
    }
}
