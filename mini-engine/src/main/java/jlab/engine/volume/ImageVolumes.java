package jlab.engine.volume;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jlab.engine.ContainerSpec;
import jlab.engine.image.Image;

/**
 * An image's {@code VOLUME /data}: each container of the image gets an anonymous volume there, as Docker
 * does — unless the user already mounts something at that path ({@code -v}, {@code --mount},
 * {@code --tmpfs}), which wins. The volume is made when the container starts, filled from the image's
 * files at that path ({@link VolumeMountStep}), and removed with the container by {@code rm -v} and
 * {@code --rm}. What a container writes there is then not in its own layer: {@code diff} and
 * {@code commit} do not see it, and it outlives the container until removed.
 */
public final class ImageVolumes {
    private ImageVolumes() {}

    /** {@code spec} with an anonymous volume for each of the image's VOLUME paths that nothing mounts yet. */
    public static ContainerSpec expand(ContainerSpec spec, Image image) {
        if (image.volumes().isEmpty()) return spec;
        List<MountSpec> mounts = new ArrayList<>(spec.mounts());
        Set<String> taken = new HashSet<>();
        for (MountSpec m : mounts) taken.add(target(m.target()));
        for (String path : image.volumes()) {
            String target = target(path);
            if (taken.add(target)) mounts.add(MountSpec.volume(null, target, false, false));
        }
        return spec.withMounts(mounts);
    }

    /** A path as the container's root sees it: cleaned, and a relative one taken from "/" (as Docker does). */
    private static String target(String path) {
        return Path.of("/").resolve(path).normalize().toString();
    }
}
