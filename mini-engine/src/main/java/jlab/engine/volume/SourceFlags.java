package jlab.engine.volume;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jlab.kernel.proc.MountInfo;
import jlab.kernel.proc.ProcFs;
import jlab.kernel.syscall.MountFlag;

/**
 * The flags of the host mount a bind's source lives on ({@code nosuid}, {@code nodev}, {@code noexec},
 * atime), which a read-only remount must repeat.
 *
 * <p>Why: {@code mount(NULL, TARGET, NULL, MS_REMOUNT|MS_BIND|MS_RDONLY, NULL)} does not add "read-only"
 * to the mount's flags, it <em>replaces</em> them: a bind of a directory on a {@code nosuid,nodev} host
 * mount would come out {@code ro} but with setuid programs and device nodes working again — a read-only
 * mount weaker than the host's. mount(8) hides this (libmount reads the current flags from mountinfo and
 * passes them back); runc reads them with statfs(2). jlab reads the host's /proc/self/mountinfo: the
 * container's mount namespace is a copy of it, with the same flags.
 */
final class SourceFlags {
    private static final List<MountFlag> KEPT = List.of(MountFlag.NOSUID, MountFlag.NODEV, MountFlag.NOEXEC,
            MountFlag.NOATIME, MountFlag.STRICTATIME);

    private SourceFlags() {}

    /** The flags to keep for {@code source}: those of the last-mounted mount whose mount point holds it. */
    static Set<MountFlag> of(Path source) {
        return of(ProcFs.host().mountInfo(ProcessHandle.current().pid()), realPath(source));
    }

    static Set<MountFlag> of(List<MountInfo> mounts, Path source) {
        MountInfo best = null;
        for (MountInfo m : mounts) {
            Path mp = Path.of(m.mountPoint());
            // the longest mount point that holds the source; of equal ones the last (it hides the others)
            if (source.startsWith(mp) && (best == null || mp.getNameCount() >= Path.of(best.mountPoint()).getNameCount())) {
                best = m;
            }
        }
        Set<MountFlag> flags = EnumSet.noneOf(MountFlag.class);
        if (best == null) return flags;
        List<String> options = List.of(best.mountOptions().split(","));
        for (MountFlag f : KEPT) if (options.contains(f.word())) flags.add(f);
        return flags;
    }

    /** The source with its symlinks resolved (the kernel binds what they lead to); a missing tail is kept as is. */
    private static Path realPath(Path source) {
        Path p = source.toAbsolutePath().normalize();
        Path tail = Path.of("");
        while (p != null) {
            try {
                return p.toRealPath().resolve(tail);
            } catch (IOException e) {
                if (p.getFileName() == null) break;
                tail = p.getFileName().resolve(tail.toString());
                p = p.getParent();
            }
        }
        return source;
    }
}
