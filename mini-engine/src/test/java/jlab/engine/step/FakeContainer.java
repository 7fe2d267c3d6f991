package jlab.engine.step;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jlab.engine.ContainerSpec;
import jlab.engine.image.Image;
import jlab.engine.state.StateDir;
import jlab.kernel.cgroup.Cgroup;
import jlab.kernel.cgroup.CgroupDriver;
import jlab.kernel.cgroup.CgroupLimits;
import jlab.kernel.helper.HelperBinary;

/**
 * A container under construction with nothing real behind it: an image
 * directory with an /etc/passwd, a state directory, a cgroup driver that only
 * describes itself, and a helper binary that is never started.
 */
final class FakeContainer {
    static final String ID = "3f2a9c1b7d4e" + "0".repeat(52);

    private final Path imageRoot;
    private final StateDir state;

    /** Lays out {@code tmp/image} (the image) and {@code tmp/state} (jlab's state directory). */
    FakeContainer(Path tmp) {
        imageRoot = tmp.resolve("image");
        state = new StateDir(tmp.resolve("state"));
        try {
            Files.createDirectories(imageRoot.resolve("etc"));
            Files.createDirectories(state.root());
            Files.writeString(imageRoot.resolve("etc/passwd"),
                    "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
            Files.writeString(imageRoot.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StateDir state() { return state; }

    Image image(List<String> defaultCommand, List<String> env) {
        return new Image("fake", null, List.of(imageRoot), jlab.engine.image.ImageConfig.Settings.EMPTY.withCmd(defaultCommand).withEnv(env));
    }

    ContainerBuild build(ContainerSpec spec) {
        return build(spec, image(List.of("sh"), List.of(Image.DEFAULT_PATH)));
    }

    ContainerBuild build(ContainerSpec spec, Image image) {
        return new ContainerBuild(ID, "brave_turing_1f", spec, image, state, new DescribingCgroups(),
                HelperBinary.at(Path.of("/usr/libexec/jlab/jlab-helper-0000")));
    }

    /** A v2 host at /sys/fs/cgroup, for explanations only: making or opening a cgroup is a mistake here. */
    static final class DescribingCgroups implements CgroupDriver {
        @Override public String version() { return "v2"; }

        @Override public List<Path> roots() { return List.of(Path.of("/sys/fs/cgroup")); }

        @Override public Cgroup create(String path, CgroupLimits limits) { throw new AssertionError("create " + path); }

        @Override public Optional<Cgroup> open(String path) { throw new AssertionError("open " + path); }

        @Override public List<String> children(String path) { throw new AssertionError("children " + path); }

        /** As a v2 host would write them, for the few limits the tests use. */
        @Override public java.util.Map<String, String> plannedWrites(CgroupLimits limits) {
            java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
            if (limits.memoryBytes() != null) m.put("memory.max", limits.memoryBytes().toString());
            if (limits.pidsMax() != null) m.put("pids.max", limits.pidsMax().toString());
            return m;
        }
    }
}
