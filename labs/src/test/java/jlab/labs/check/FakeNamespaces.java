package jlab.labs.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

import jlab.kernel.cgroup.CgroupDriver;
import jlab.kernel.ns.Namespace;
import jlab.kernel.proc.ProcFs;
import jlab.labs.host.HostView;
import jlab.labs.host.NamespaceReader;

/**
 * A small fake host for the checks that look inside other namespaces: a proc
 * tree (on the {@link FakeCgroups} one) where pid 1 is jlab, in the host's
 * namespaces, and each process has its status, cmdline and ns links; and,
 * under {@code inside/KIND/PID/}, /proc as a thread that joined that
 * process's namespace reads it (its /proc/sysvipc/msg, its PID/cgroup). What
 * the checks conclude on the real kernel is proven by the kernel tests.
 */
final class FakeNamespaces {
    /** The host's namespaces, the inode numbers of a common kernel's initial ones. */
    static final Map<Namespace, Long> HOST = hostInodes();

    final FakeCgroups cgroups;
    final Path proc;

    FakeNamespaces(Path root, boolean v2) throws IOException {
        this.cgroups = new FakeCgroups(root, v2);
        this.proc = root.resolve("proc");
        process(1, "java", Map.of());
    }

    /** A running process, in the host's namespaces but for {@code own}. */
    FakeNamespaces process(long pid, String name, Map<Namespace, Long> own) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("status"), "Name:\t" + name + "\nState:\tS (sleeping)\nPid:\t" + pid + "\nPPid:\t1\n"
                + "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nCapEff:\t000001ffffffffff\nCapPrm:\t000001ffffffffff\nCapBnd:\t000001ffffffffff\n");
        Files.writeString(dir.resolve("stat"), pid + " (" + name + ") S 1 " + pid + " " + pid + " 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 "
                + (1000 + pid) + " 0 0\n");
        Files.write(dir.resolve("cmdline"), (name + "\0").getBytes());
        Path ns = Files.createDirectories(dir.resolve("ns"));
        for (Namespace kind : Namespace.values()) {
            long inode = own.getOrDefault(kind, HOST.get(kind));
            Files.createSymbolicLink(ns.resolve(kind.procName()), Path.of(kind.procName() + ":[" + inode + "]"));
        }
        return this;
    }

    /** A file of the host's /proc: {@code sysvipc/msg}, {@code 200/cgroup}. */
    FakeNamespaces file(String path, String content) throws IOException {
        Path f = proc.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
        return this;
    }

    /** A file of /proc as a thread in the {@code kind} namespace of {@code pid} reads it. */
    FakeNamespaces inside(Namespace kind, long pid, String path, String content) throws IOException {
        Path f = insideRoot(kind, pid).resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
        return this;
    }

    private Path insideRoot(Namespace kind, long pid) {
        return cgroups.root.resolve("inside").resolve(kind.procName()).resolve(Long.toString(pid));
    }

    CheckContext context() {
        NamespaceReader reader = new NamespaceReader() {
            @Override
            public <T> T read(long pid, Namespace kind, Function<ProcFs, T> reading) {
                return reading.apply(new ProcFs(insideRoot(kind, pid)));
            }
        };
        return new CheckContext(new HostView(new ProcFs(proc), () -> CgroupDriver.detect(proc), null, reader, 1), Map.of());
    }

    private static Map<Namespace, Long> hostInodes() {
        Map<Namespace, Long> m = new EnumMap<>(Namespace.class);
        long inode = 4026531832L;
        for (Namespace kind : Namespace.values()) m.put(kind, inode++);
        return m;
    }

}
