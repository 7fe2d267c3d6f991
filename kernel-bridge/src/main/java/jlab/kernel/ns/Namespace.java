package jlab.kernel.ns;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of Linux namespace: each isolates one thing the kernel shows a process.
 *
 * A process's namespaces are the files in /proc/PID/ns: the inode number of each
 * file names the namespace, so two processes are in the same namespace exactly
 * when their files have the same inode ({@code readlink /proc/$$/ns/uts} prints
 * {@code uts:[4026531838]}).
 */
public enum Namespace {
    /** Mount table: what is mounted where. */
    MNT("mnt", 0x00020000, "CLONE_NEWNS", "--mount", "the mount table (/proc/self/mountinfo)"),
    /** Hostname and NIS domain name. */
    UTS("uts", 0x04000000, "CLONE_NEWUTS", "--uts", "the hostname"),
    /** System V IPC objects and POSIX message queues. */
    IPC("ipc", 0x08000000, "CLONE_NEWIPC", "--ipc", "System V IPC and message queues (ipcs)"),
    /** Process ids: the first process in a new one is PID 1. */
    PID("pid", 0x20000000, "CLONE_NEWPID", "--pid --fork", "process ids (ps, /proc)"),
    /** Network devices, addresses, routes, ports, firewall rules. */
    NET("net", 0x40000000, "CLONE_NEWNET", "--net", "network links, addresses and routes (ip addr)"),
    /** User and group ids, and the capabilities that go with them. */
    USER("user", 0x10000000, "CLONE_NEWUSER", "--user", "user and group ids (/proc/self/uid_map)"),
    /** The root of the cgroup tree a process sees in /proc/self/cgroup. */
    CGROUP("cgroup", 0x02000000, "CLONE_NEWCGROUP", "--cgroup", "the cgroup tree (/proc/self/cgroup)"),
    /** CLOCK_MONOTONIC and CLOCK_BOOTTIME offsets. */
    TIME("time", 0x00000080, "CLONE_NEWTIME", "--time", "the boot and monotonic clocks");

    private final String procName;
    private final int cloneFlag;
    private final String cloneFlagName;
    private final String unshareOption;
    private final String isolates;

    Namespace(String procName, int cloneFlag, String cloneFlagName, String unshareOption, String isolates) {
        this.procName = procName;
        this.cloneFlag = cloneFlag;
        this.cloneFlagName = cloneFlagName;
        this.unshareOption = unshareOption;
        this.isolates = isolates;
    }

    /** The file name under /proc/PID/ns, and the helper protocol's name: {@code "mnt"}. */
    public String procName() { return procName; }

    /**
     * The file that names the namespace a process's <em>children</em> will get.
     * For PID and time namespaces, unshare(2) changes this one, not the caller's own.
     */
    public String procNameForChildren() {
        return this == PID || this == TIME ? procName + "_for_children" : procName;
    }

    /** The flag for clone(2), unshare(2) and setns(2). */
    public int cloneFlag() { return cloneFlag; }

    /** {@code "CLONE_NEWNS"}, as the man pages write it. */
    public String cloneFlagName() { return cloneFlagName; }

    /** The option of unshare(1) that makes one: {@code "--uts"}. */
    public String unshareOption() { return unshareOption; }

    /** What it isolates, in a few words. */
    public String isolates() { return isolates; }

    /** {@code "uts" -> UTS}, also accepting {@code "mount"}, {@code "network"} and {@code "pid_for_children"}. */
    public static Optional<Namespace> byName(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("_for_children", "");
        switch (n) {
            case "mount": return Optional.of(MNT);
            case "network": return Optional.of(NET);
            default:
                for (Namespace ns : values()) {
                    if (ns.procName.equals(n)) return Optional.of(ns);
                }
                return Optional.empty();
        }
    }
}
