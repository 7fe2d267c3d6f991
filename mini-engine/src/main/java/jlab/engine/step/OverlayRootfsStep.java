package jlab.engine.step;

import java.nio.file.Path;
import java.util.List;

/**
 * Mounts the container's root: an overlay of the image's layers (read-only, below) and the
 * container's own upper directory (above). {@code lowerdir} lists the layers top first, separated by
 * ':'; a file is looked up from the top down, so a higher layer's copy hides a lower one's, and a
 * whiteout in a layer hides the file below it. Reads fall through to the image; the first write to a
 * file copies it up; a deletion leaves a whiteout in upper. The layers are never modified, so every
 * container of every image built on them shares them.
 * The mount is made inside the container's mount namespace: it vanishes with the container, and the
 * host's mount table never shows it.
 */
public final class OverlayRootfsStep implements Step {
    /** mount(2)'s data is one page: past this, the kernel cuts the options. */
    private static final int MAX_OPTIONS = 4000;

    @Override
    public String name() { return "overlay rootfs"; }

    private Mount mount(ContainerBuild b) {
        List<String> lower = b.image().lowerDirs().stream().map(Path::toString).toList();
        List<Path> layers = b.image().layers();
        String data = "lowerdir=" + String.join(":", lower) + ",upperdir=" + b.paths().upper() + ",workdir=" + b.paths().work();
        if (data.length() > MAX_OPTIONS) {
            throw new jlab.engine.EngineException("image " + b.image().name() + " has " + layers.size() + " layers: their"
                    + " paths do not fit in one mount(2) call (" + data.length() + " bytes, at most " + MAX_OPTIONS
                    + "); squash it (jlab export, then jlab import)");
        }
        return Mount.of("overlay", b.paths().rootfs().toString(), "overlay", data);
    }

    @Override
    public Explanation explain(ContainerBuild b) {
        Mount m = mount(b);
        int n = b.image().layers().size();
        return new Explanation(
                "Mount the root filesystem: the image's " + (n == 1 ? "layer" : n + " layers") + " read-only below,"
                        + " the container's upper directory above.",
                m.syscall(),
                m.shell(),
                "ls " + b.paths().upper() + " — the files the container wrote; the image's layers (" + b.image().top()
                        + (n > 1 ? " and " + (n - 1) + " below" : "") + ") stay unchanged");
    }

    @Override
    public void apply(ContainerBuild b) {
        mount(b).apply(b);
    }
}
