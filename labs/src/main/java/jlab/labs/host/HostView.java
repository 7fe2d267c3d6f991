package jlab.labs.host;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jlab.kernel.KernelException;
import jlab.kernel.cgroup.CgroupDriver;
import jlab.kernel.ns.Namespace;
import jlab.kernel.proc.CgroupMembership;
import jlab.kernel.proc.ProcFs;

/**
 * The host as the checks read it. Nothing here trusts what a student wrote:
 * what runs is found by scanning /proc, which namespace a process is in by
 * the inodes of /proc/PID/ns, what a cgroup allows by its files. "The host"
 * is jlab's own view: jlab runs on the host, so its namespaces are the ones a
 * student's work must differ from. (Not PID 1's: reading another process's
 * /proc/PID/ns needs ptrace access to it, which some sandboxes deny even to
 * root for their init.)
 *
 * <p>The process list is read once per check run and shared by its checks,
 * so that ten checks cost one scan.
 */
public final class HostView {
    private final ProcFs proc;
    private final Supplier<CgroupDriver> cgroupDriver;
    private final Hostnames hostnames;
    private final NamespaceReader inside;
    private final long self;
    private final Map<String, List<SysvIpc.IpcObject>> ipcByNamespace = new HashMap<>();
    private final Predicate<Proc> seen;
    private List<Proc> processes;
    private CgroupDriver cgroups;

    public HostView(ProcFs proc, Supplier<CgroupDriver> cgroups, Hostnames hostnames, long self) {
        this(proc, cgroups, hostnames, NamespaceReader.joining(proc), self);
    }

    /** {@code inside}: how /proc reads from inside another process's namespace (a fake one in unit tests). */
    public HostView(ProcFs proc, Supplier<CgroupDriver> cgroups, Hostnames hostnames, NamespaceReader inside, long self) {
        this(proc, cgroups, hostnames, inside, self, p -> true);
    }

    private HostView(ProcFs proc, Supplier<CgroupDriver> cgroups, Hostnames hostnames, NamespaceReader inside, long self,
                     Predicate<Proc> seen) {
        this.proc = proc;
        this.self = self;
        this.cgroupDriver = cgroups;
        this.hostnames = hostnames;
        this.inside = inside;
        this.seen = seen;
    }

    /**
     * The same host, but its process list holds only the processes {@code keep}
     * accepts: a kernel test that solves a lab looks at its own student's
     * processes alone, whatever else runs on a shared machine (another
     * engine's containers are PID 1s and namespaces too).
     */
    public HostView onlyProcesses(Predicate<Proc> keep) {
        return new HostView(proc, cgroupDriver, hostnames, inside, self, seen.and(keep));
    }

    /** This machine: /proc, the cgroup layout it mounts, hostnames and namespaces read by setns. */
    public static HostView real() {
        return new HostView(ProcFs.host(), CgroupDriver::detect, new Hostnames(ProcFs.host()), ProcessHandle.current().pid());
    }

    public ProcFs proc() { return proc; }

    /** jlab's own pid: its namespaces are the host's. */
    public long self() { return self; }

    /** The host's namespace of that kind: jlab's own. */
    public long hostNamespace(Namespace kind) {
        return proc.namespaces(self).getOrDefault(kind, 0L);
    }

    /** The host's hostname (its UTS namespace's). */
    public String hostHostname() { return hostnames.of(self); }

    /** Every process that still ran when it was read; kernel threads and processes that exited meanwhile are left out. */
    public List<Proc> processes() {
        if (processes == null) {
            List<Proc> found = new ArrayList<>();
            for (long pid : proc.pids()) {
                try {
                    List<String> cmdline = proc.cmdline(pid);
                    if (cmdline.isEmpty()) continue; // a kernel thread (or a zombie): no user memory, no namespaces of its own
                    Proc p = new Proc(pid, proc.namespaces(pid), proc.status(pid), cmdline);
                    if (seen.test(p)) found.add(p);
                } catch (KernelException exited) {
                    // It ended between the listing and the read: it is not part of what the student left.
                }
            }
            processes = List.copyOf(found);
        }
        return processes;
    }

    /** The processes whose namespace of that kind is not the host's. */
    public List<Proc> inOwn(Namespace kind) {
        long host = hostNamespace(kind);
        return processes().stream().filter(p -> p.ns(kind) != 0 && p.ns(kind) != host).toList();
    }

    /**
     * The processes that are PID 1 of a PID namespace other than the host's:
     * the last pid of their NSpid line (their pid in their own namespace) is 1.
     */
    public List<Proc> pidOnes() {
        long host = hostNamespace(Namespace.PID);
        return processes().stream()
                .filter(p -> p.ns(Namespace.PID) != host && p.status().nsPids().size() > 1 && p.status().pidInInnermostNamespace() == 1)
                .toList();
    }

    /** The host's own System V IPC objects of that table: jlab reads /proc/sysvipc in the host's IPC namespace. */
    public List<SysvIpc.IpcObject> hostIpcObjects(SysvIpc.Table table) {
        return SysvIpc.read(proc, table);
    }

    /** The System V IPC objects of that table in the process's IPC namespace; asked once per namespace. */
    public List<SysvIpc.IpcObject> ipcObjects(long pid, SysvIpc.Table table) {
        long namespace = proc.namespaces(pid).getOrDefault(Namespace.IPC, 0L);
        return ipcByNamespace.computeIfAbsent(namespace + "/" + table.file(),
                key -> inside.read(pid, Namespace.IPC, seen -> SysvIpc.read(seen, table)));
    }

    /**
     * /proc/PID/cgroup as the process itself reads it: each path from the root
     * of its own cgroup namespace. Read from the host, the same file gives the
     * paths from the host's root ({@link ProcFs#cgroups}).
     */
    public List<CgroupMembership> cgroupsFromInside(long pid) {
        return inside.read(pid, Namespace.CGROUP, seen -> seen.cgroups(pid));
    }

    /** The hostname of the process's UTS namespace. */
    public String hostname(long pid) { return hostnames.of(pid); }

    /** The cgroup layout (v2, or v1 one tree per controller), detected once. */
    public CgroupDriver cgroups() {
        if (cgroups == null) cgroups = cgroupDriver.get();
        return cgroups;
    }
}
