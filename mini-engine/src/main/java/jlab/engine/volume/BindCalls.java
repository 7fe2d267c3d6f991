package jlab.engine.volume;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jlab.engine.step.Mount;
import jlab.kernel.syscall.MountFlag;

/**
 * The mount(2) calls of a bind mount, as Docker (runc) makes them for {@code -v} and volumes:
 * <ol>
 * <li>{@code mount(SRC, TARGET, NULL, MS_BIND|MS_REC, NULL)}: a recursive bind ("rbind"): the source's
 *     tree, with whatever is mounted below it, appears at the target;</li>
 * <li>{@code mount(NULL, TARGET, NULL, MS_PRIVATE|MS_REC, NULL)}: Docker's default propagation,
 *     rprivate: nothing mounted later on either side appears on the other;</li>
 * <li>with {@code :ro}, {@code mount(NULL, TARGET, NULL, MS_REMOUNT|MS_BIND|MS_RDONLY, NULL)}.</li>
 * </ol>
 * Why a third call for read-only: making a bind mount (the kernel's do_loopback) only attaches a new
 * mount of the same filesystem at the target; it looks at MS_REC and ignores every other flag,
 * MS_RDONLY included. Read-only is a property of each mount (a vfsmount's MNT_READONLY, separate from
 * the filesystem's own read-only state), and only a remount changes a mount's flags; MS_BIND with
 * MS_REMOUNT says "this mount's flags only, not the filesystem's" — the host's copy of the same
 * directory stays writable. The remount sets the mount's flags to exactly those given, so it repeats the
 * source mount's nosuid, nodev, noexec (see {@link SourceFlags}). (The remount applies to the top mount only: submounts of an rbind stay
 * as they were, as in runc before mount_setattr(2)'s AT_RECURSIVE.)
 */
final class BindCalls {
    private BindCalls() {}

    static List<Mount> of(String source, String target, boolean readOnly) {
        List<Mount> m = new ArrayList<>();
        m.add(Mount.of(source, target, null, null, MountFlag.BIND, MountFlag.REC));
        m.add(Mount.of(null, target, null, null, MountFlag.PRIVATE, MountFlag.REC));
        if (readOnly) {
            // The remount replaces the mount's flags: repeat those of the source's mount (see SourceFlags).
            Set<MountFlag> flags = EnumSet.of(MountFlag.REMOUNT, MountFlag.BIND, MountFlag.RDONLY);
            flags.addAll(SourceFlags.of(Path.of(source)));
            m.add(new Mount(null, target, null, flags, null));
        }
        return m;
    }

    static List<List<String>> requests(String source, String target, boolean readOnly) {
        return of(source, target, readOnly).stream().map(Mount::request).toList();
    }

    static String syscalls(String source, String target, boolean readOnly) {
        return of(source, target, readOnly).stream().map(Mount::syscall).collect(Collectors.joining("; "));
    }

    /** As mount(8) is typed: {@code mount --rbind SRC TARGET && mount --make-rprivate TARGET [&& mount -o remount,bind,ro TARGET]}. */
    static String shell(String source, String target, boolean readOnly) {
        String s = "mount --rbind " + source + " " + target + " && mount --make-rprivate " + target;
        return readOnly ? s + " && mount -o remount,bind,ro " + target : s;
    }
}
