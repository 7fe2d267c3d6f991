package jlab.engine.step;

import java.util.ArrayList;
import java.util.List;

import jlab.kernel.syscall.MountFlag;

/**
 * A minimal /dev, made the way Docker makes it: a small tmpfs holding only the
 * device nodes a program expects (null, zero, full, random, urandom, tty), a
 * private devpts instance for terminals, and /dev/shm. The host's disks and
 * other devices are simply not there — and the devices cgroup is not needed
 * to hide them.
 */
public final class MountDevStep implements Step {
    /** name, major, minor: the kernel's fixed numbers for these devices (Documentation/admin-guide/devices.txt). */
    private static final List<Object[]> NODES = List.of(
            new Object[] {"null", 1, 3}, new Object[] {"zero", 1, 5}, new Object[] {"full", 1, 7},
            new Object[] {"random", 1, 8}, new Object[] {"urandom", 1, 9}, new Object[] {"tty", 5, 0});
    private static final List<String[]> LINKS = List.of(
            new String[] {"/proc/self/fd", "fd"}, new String[] {"/proc/self/fd/0", "stdin"},
            new String[] {"/proc/self/fd/1", "stdout"}, new String[] {"/proc/self/fd/2", "stderr"},
            new String[] {"pts/ptmx", "ptmx"});

    @Override
    public String name() { return "mount dev"; }

    private static Mount devTmpfs(ContainerBuild b) {
        return Mount.of("tmpfs", b.path("/dev"), "tmpfs", "mode=755,size=65536k", MountFlag.NOSUID, MountFlag.STRICTATIME);
    }

    private static Mount devpts(ContainerBuild b) {
        return Mount.of("devpts", b.path("/dev/pts"), "devpts", "newinstance,ptmxmode=0666,mode=0620,gid=5",
                MountFlag.NOSUID, MountFlag.NOEXEC);
    }

    private static Mount shm(ContainerBuild b) {
        return Mount.of("shm", b.path("/dev/shm"), "tmpfs", "mode=1777,size=65536k",
                MountFlag.NOSUID, MountFlag.NODEV, MountFlag.NOEXEC);
    }

    @Override
    public Explanation explain(ContainerBuild b) {
        return new Explanation(
                "Make a minimal /dev: a tmpfs with six device nodes, its own devpts for terminals, and /dev/shm.",
                devTmpfs(b).syscall() + "; mknod(\"" + b.path("/dev/null") + "\", S_IFCHR|0666, makedev(1, 3)); ...",
                devTmpfs(b).shell() + "; mknod -m 666 " + b.path("/dev/null") + " c 1 3; ...",
                "ls -l " + b.path("/dev") + " — the host's disks are not there");
    }

    @Override
    public void apply(ContainerBuild b) {
        Dirs.ensure(b, "/dev", "755");
        List<List<String>> requests = new ArrayList<>();
        requests.add(devTmpfs(b).request());
        for (Object[] n : NODES) {
            requests.add(List.of("mknod", b.path("/dev/" + n[0]), "c", n[1].toString(), n[2].toString(), "666"));
        }
        for (String[] l : LINKS) {
            requests.add(List.of("symlink", l[0], b.path("/dev/" + l[1])));
        }
        requests.add(List.of("mkdir", b.path("/dev/pts"), "755"));
        requests.add(devpts(b).request());
        requests.add(List.of("mkdir", b.path("/dev/shm"), "1777"));
        requests.add(shm(b).request());
        b.helper().pipeline(requests); // one round trip for the sixteen requests
    }
}
