package jlab.engine.step;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jlab.engine.EngineException;
import jlab.engine.image.LayerLinks;

/**
 * Mounts the container's root: an overlay of the image's layers (read-only, below) and the
 * container's own upper directory (above). {@code lowerdir} lists the layers top first, separated by
 * ':'; a file is looked up from the top down, so a higher layer's copy hides a lower one's, and a
 * whiteout in a layer hides the file below it. Reads fall through to the image; the first write to a
 * file copies it up; a deletion leaves a whiteout in upper. The layers are never modified, so every
 * container of every image built on them shares them.
 * The mount is made inside the container's mount namespace: it vanishes with the container, and the
 * host's mount table never shows it.
 *
 * <p>mount(2)'s options are one page. When the layers' full paths do not fit, the mount is made from
 * the directory of their short names ({@link LayerLinks}), naming each layer relatively, as Docker's
 * overlay2 driver does.
 */
public final class OverlayRootfsStep implements Step {
    /** mount(2)'s data is one page: past this, the kernel cuts the options. */
    private static final int MAX_OPTIONS = 4000;

    @Override
    public String name() { return "overlay rootfs"; }

    /** The mount, and the directory it is made from (null: the layers are named by full paths). */
    private record Plan(Mount mount, Path from) {}

    private Plan plan(ContainerBuild b) {
        List<Path> lower = b.image().lowerDirs();
        String rest = ",upperdir=" + b.paths().upper() + ",workdir=" + b.paths().work();
        String data = "lowerdir=" + join(lower.stream().map(Path::toString).toList()) + rest;
        if (data.length() <= MAX_OPTIONS) return new Plan(overlay(b, data), null);
        Optional<List<String>> shortNames = shortNames(lower);
        if (shortNames.isPresent()) {
            String relative = "lowerdir=" + join(shortNames.get()) + rest;
            if (relative.length() <= MAX_OPTIONS) return new Plan(overlay(b, relative), LayerLinks.dirFor(lower.get(0).getParent()));
        }
        throw new EngineException("image " + b.image().name() + " has " + b.image().layers().size() + " layers: they do not fit"
                + " in one mount(2) call (" + data.length() + " bytes, at most " + MAX_OPTIONS + ", even by their short names);"
                + " squash it (jlab export, then jlab import)");
    }

    /** Each layer's name in {@code images/l}, if every layer has one there. */
    private static Optional<List<String>> shortNames(List<Path> lower) {
        List<String> names = new ArrayList<>();
        for (Path layer : lower) {
            Optional<String> name = LayerLinks.find(layer);
            if (name.isEmpty()) return Optional.empty();
            names.add(name.get());
        }
        return Optional.of(names);
    }

    private static String join(List<String> layers) { return String.join(":", layers); }

    private static Mount overlay(ContainerBuild b, String data) {
        return Mount.of("overlay", b.paths().rootfs().toString(), "overlay", data);
    }

    @Override
    public Explanation explain(ContainerBuild b) {
        Plan p = plan(b);
        int n = b.image().layers().size();
        String syscall = p.from() == null ? p.mount().syscall() : "chdir(\"" + p.from() + "\"); " + p.mount().syscall() + "; chdir(\"/\")";
        String shell = p.from() == null ? p.mount().shell() : "(cd " + p.from() + " && " + p.mount().shell() + ")";
        return new Explanation(
                "Mount the root filesystem: the image's " + (n == 1 ? "layer" : n + " layers") + " read-only below,"
                        + " the container's upper directory above"
                        + (p.from() == null ? "." : "; the layers are named by their short links in " + p.from()
                                + ", since their full paths do not fit in mount(2)'s one page of options."),
                syscall,
                shell,
                "ls " + b.paths().upper() + " — the files the container wrote; the image's layers (" + b.image().top()
                        + (n > 1 ? " and " + (n - 1) + " below" : "") + ") stay unchanged");
    }

    @Override
    public void apply(ContainerBuild b) {
        Plan p = plan(b);
        if (p.from() == null) {
            p.mount().apply(b);
        } else {
            b.helper().pipeline(List.of(List.of("chdir", p.from().toString()), p.mount().request(), List.of("chdir", "/")));
        }
    }
}
