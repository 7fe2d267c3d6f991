package jlab.labs.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jlab.kernel.cgroup.CgroupDriver;
import jlab.kernel.proc.ProcFs;
import jlab.labs.host.HostView;

/**
 * A small fake host for the checks' parsing: a proc tree whose
 * self/mountinfo mounts cgroup trees inside a temporary directory, v2 (one
 * tree) or v1 (one per controller). What the checks conclude on the real
 * kernel is proven by the kernel tests.
 */
final class FakeCgroups {
    final Path root;
    final boolean v2;

    FakeCgroups(Path root, boolean v2) throws IOException {
        this.root = root;
        this.v2 = v2;
        Path proc = Files.createDirectories(root.resolve("proc/self"));
        String mountinfo = "26 1 254:0 / / rw - ext4 /dev/vda rw\n" + (v2
                ? "40 23 0:37 / " + root.resolve("cgroup") + " rw,relatime - cgroup2 cgroup2 rw\n"
                : "34 30 0:31 / " + root.resolve("cgroup/memory") + " rw,relatime - cgroup cgroup rw,memory\n"
                + "35 30 0:32 / " + root.resolve("cgroup/pids") + " rw,relatime - cgroup cgroup rw,pids\n"
                + "36 30 0:33 / " + root.resolve("cgroup/cpu,cpuacct") + " rw,relatime - cgroup cgroup rw,cpu,cpuacct\n");
        Files.writeString(proc.resolve("mountinfo"), mountinfo);
    }

    /** Makes the cgroup with these files: {@code "memory.max" -> "max"} (v2) or {@code "memory/memory.limit_in_bytes"} (v1). */
    FakeCgroups cgroup(String name, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) {
            String key = f.getKey();
            Path dir = v2 ? root.resolve("cgroup").resolve(name)
                    : root.resolve("cgroup").resolve(treeOf(key.substring(0, key.indexOf('/')))).resolve(name);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(key.substring(key.indexOf('/') + 1)), f.getValue() + "\n");
        }
        return this;
    }

    private static String treeOf(String controller) {
        return controller.equals("cpu") ? "cpu,cpuacct" : controller;
    }

    CheckContext context() {
        Path proc = root.resolve("proc");
        return new CheckContext(new HostView(new ProcFs(proc), () -> CgroupDriver.detect(proc), null, 1), Map.of());
    }
}
