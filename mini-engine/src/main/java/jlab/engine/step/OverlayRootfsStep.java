package jlab.engine.step;

/**
 * Mounts the container's root: an overlay of the image (read-only, below) and
 * the container's own upper directory (above). Reads fall through to the image;
 * the first write to a file copies it up; a deletion leaves a "whiteout" in
 * upper. The image is never modified, so many containers can share it.
 * The mount is made inside the container's mount namespace: it vanishes with
 * the container, and the host's mount table never shows it.
 */
public final class OverlayRootfsStep implements Step {
    @Override
    public String name() { return "overlay rootfs"; }

    private Mount mount(ContainerBuild b) {
        String data = "lowerdir=" + b.image().rootfs() + ",upperdir=" + b.paths().upper() + ",workdir=" + b.paths().work();
        return Mount.of("overlay", b.paths().rootfs().toString(), "overlay", data);
    }

    @Override
    public Explanation explain(ContainerBuild b) {
        Mount m = mount(b);
        return new Explanation(
                "Mount the root filesystem: the image read-only below, the container's upper directory above.",
                m.syscall(),
                m.shell(),
                "ls " + b.paths().upper() + " — the files the container wrote; the image "
                        + b.image().rootfs() + " stays unchanged");
    }

    @Override
    public void apply(ContainerBuild b) {
        mount(b).apply(b);
    }
}
