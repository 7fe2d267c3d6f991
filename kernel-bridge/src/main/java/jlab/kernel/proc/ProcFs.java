package jlab.kernel.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

import jlab.kernel.KernelException;
import jlab.kernel.ns.Namespace;

/**
 * What the kernel says about processes, read from a proc filesystem.
 *
 * <p>{@link #host()} reads the real {@code /proc}; the constructor takes another
 * root so that the parsing can be tested on a small fake tree. Every method that
 * reads one process throws a {@link KernelException} when the process has exited
 * ({@code "no such process (it exited)"}): a process can vanish between the moment
 * it is listed and the moment it is read, and callers that scan every process
 * should catch that and move on.
 */
public final class ProcFs {
    private final Path root;
    private final ProcFiles files;

    /** The real /proc of this machine, as this process sees it. */
    public static ProcFs host() {
        return new ProcFs(Path.of("/proc"));
    }

    public ProcFs(Path procRoot) {
        this.root = Objects.requireNonNull(procRoot, "procRoot");
        this.files = new ProcFiles(procRoot);
    }

    /** The directory read, normally {@code /proc}. */
    public Path root() {
        return root;
    }

    /**
     * The namespaces of a process: for each file in /proc/PID/ns, the inode number
     * its link names ({@code uts:[4026531838]} gives 4026531838).
     *
     * <p>A kind this kernel lacks (time namespaces came in Linux 5.6) is absent. So
     * are the namespaces a zombie has given up: a process that exited but was not
     * reaped keeps only its PID and user namespaces, which belong to its pid and
     * credentials rather than to the set of namespaces it ran in.
     */
    public Map<Namespace, Long> namespaces(long pid) {
        Map<Namespace, Long> inodes = new EnumMap<>(Namespace.class);
        for (Namespace ns : Namespace.values()) {
            namespaceLink(pid, ns, ns.procName()).ifPresent(inode -> inodes.put(ns, inode));
        }
        return Collections.unmodifiableMap(inodes);
    }

    /**
     * The namespace the process's next children will be born in. For PID and time
     * namespaces this is {@code pid_for_children} / {@code time_for_children}, which
     * unshare(2) changes instead of the caller's own (a process never changes its
     * own pid). For the other kinds it is the process's own namespace.
     *
     * <p>Empty when the kernel shows no namespace: {@code pid_for_children} of a
     * process that has unshared a PID namespace names nothing until its first child
     * exists (that child becomes PID 1 of it).
     */
    public OptionalLong namespaceForChildren(long pid, Namespace ns) {
        return namespaceLink(pid, ns, ns.procNameForChildren());
    }

    private OptionalLong namespaceLink(long pid, Namespace ns, String name) {
        String file = "ns/" + name;
        try {
            return OptionalLong.of(NamespaceLink.inode(files.readLink(pid, file), ns.procName(), files.path(pid, file)));
        } catch (NoSuchFileException e) {
            files.requireProcess(pid, "readlink", file);
            return OptionalLong.empty();
        } catch (IOException e) {
            throw files.failure("readlink", pid, file, e);
        }
    }

    /** /proc/PID/status: name, state, ids, capabilities. */
    public ProcStatus status(long pid) {
        return StatusParser.parse(readText(pid, "status"), files.path(pid, "status").toString());
    }

    /** /proc/PID/stat: state, parent, CPU time, start time. */
    public ProcStat stat(long pid) {
        return ProcStat.parse(readText(pid, "stat"), files.path(pid, "stat").toString());
    }

    /**
     * /proc/PID/net/dev: the network interfaces of the process's <em>network
     * namespace</em> (the kernel answers for the namespace of PID, not the
     * reader's), in the kernel's order, with their byte counters.
     */
    public List<NetDevice> netDevices(long pid) {
        return NetDevice.parse(readText(pid, "net/dev"));
    }

    /** /proc/PID/mountinfo: the mount table as the process sees it, in mount order. */
    public List<MountInfo> mountInfo(long pid) {
        return MountInfoParser.parse(readText(pid, "mountinfo"));
    }

    /** /proc/PID/cgroup: one entry per hierarchy, the unified (v2) one with id 0. */
    public List<CgroupMembership> cgroups(long pid) {
        return parseLines(readText(pid, "cgroup"), CgroupMembership::parse);
    }

    /** /proc/PID/uid_map: empty while nobody has written the map of a new user namespace. */
    public List<IdMapping> uidMap(long pid) {
        return parseLines(readText(pid, "uid_map"), IdMapping::parse);
    }

    /** /proc/PID/gid_map, like {@link #uidMap}. */
    public List<IdMapping> gidMap(long pid) {
        return parseLines(readText(pid, "gid_map"), IdMapping::parse);
    }

    /**
     * /proc/PID/cmdline: the arguments, each ended by a NUL byte. Empty for kernel
     * threads and zombies, which have no user memory to read them from.
     */
    public List<String> cmdline(long pid) {
        return CmdlineParser.parse(files.read(pid, "cmdline"));
    }

    /**
     * The processes: the numeric directories of /proc, sorted. Threads other than
     * the main one of each process are not listed (they live under /proc/PID/task),
     * though /proc/TID can still be read. Never fails because a process exited.
     */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(root)) {
            for (Path entry : dir) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) pids.add(Long.parseLong(name));
            }
        } catch (IOException | DirectoryIteratorException e) {
            throw KernelException.of("readdir", root.toString(), String.valueOf(e.getMessage()));
        }
        Collections.sort(pids);
        return List.copyOf(pids);
    }

    /**
     * The target of a link in /proc/PID: {@code "root"} (the process's root directory,
     * as chroot or pivot_root left it), {@code "cwd"}, {@code "exe"}, {@code "fd/0"}...
     * Reading another user's links needs root.
     */
    public String readLink(long pid, String name) {
        try {
            return files.readLink(pid, name);
        } catch (IOException e) {
            throw files.failure("readlink", pid, name, e);
        }
    }

    private String readText(long pid, String name) {
        return new String(files.read(pid, name), StandardCharsets.UTF_8);
    }

    private static <T> List<T> parseLines(String text, java.util.function.Function<String, T> parser) {
        List<T> entries = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) entries.add(parser.apply(line));
        }
        return List.copyOf(entries);
    }
}
