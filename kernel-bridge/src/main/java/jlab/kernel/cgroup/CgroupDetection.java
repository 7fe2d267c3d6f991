package jlab.kernel.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jlab.kernel.KernelException;

/**
 * Decides between v2 and v1 from the mount table.
 *
 * <ul>
 *   <li>A cgroup2 filesystem mounted at {@code /sys/fs/cgroup} itself: a pure v2 host.</li>
 *   <li>No v1 hierarchy carries a controller we use, and some cgroup2 is mounted: v2 there.</li>
 *   <li>Otherwise v1, one mount per controller. The hybrid layout's
 *       {@code /sys/fs/cgroup/unified} (cgroup2 holding no controller of ours) and
 *       {@code name=systemd} (a v1 hierarchy with no controller at all) are ignored.</li>
 * </ul>
 * A controller can be active in only one hierarchy at a time: if v1 has
 * memory, the cgroup2 tree cannot, which is why a hybrid host must be driven as v1.
 */
final class CgroupDetection {
    static final Path STANDARD_MOUNT = Path.of("/sys/fs/cgroup");

    private CgroupDetection() {}

    static CgroupDriver detect(Path procRoot) {
        Path mountinfo = procRoot.resolve("self/mountinfo");
        List<CgroupMount> mounts = readMounts(mountinfo);
        Map<String, Path> v1 = v1Controllers(mounts);
        Optional<CgroupMount> v2 = mounts.stream().filter(CgroupMount::isV2)
                .min(Comparator.comparing((CgroupMount m) -> !m.mountPoint().equals(STANDARD_MOUNT))
                        .thenComparing(m -> !m.mountsWholeHierarchy()));
        if (v2.isPresent() && (v2.get().mountPoint().equals(STANDARD_MOUNT) || v1.isEmpty())) {
            return new CgroupV2Driver(v2.get().mountPoint());
        }
        if (!v1.isEmpty()) {
            return new CgroupV1Driver(v1);
        }
        throw KernelException.of("detect cgroups", mountinfo.toString(),
                "no cgroup filesystem is mounted: mount one with `mount -t cgroup2 none /sys/fs/cgroup`");
    }

    /** controller -> mount point, for the v1 controllers jlab uses, in {@link CgroupV1Driver#CONTROLLERS} order. */
    static Map<String, Path> v1Controllers(List<CgroupMount> mounts) {
        Map<String, Path> found = new LinkedHashMap<>();
        for (String controller : CgroupV1Driver.CONTROLLERS) {
            mounts.stream().filter(m -> m.carries(controller))
                    .min(Comparator.comparing(m -> !m.mountsWholeHierarchy()))
                    .ifPresent(m -> found.put(controller, m.mountPoint()));
        }
        return found;
    }

    private static List<CgroupMount> readMounts(Path mountinfo) {
        try {
            return Files.readAllLines(mountinfo).stream()
                    .map(CgroupMount::parse).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            throw CgroupFiles.failure("read", mountinfo, null, e);
        }
    }
}
