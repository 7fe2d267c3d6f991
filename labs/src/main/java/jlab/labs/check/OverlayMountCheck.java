package jlab.labs.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jlab.kernel.proc.MountInfo;
import jlab.labs.host.Mounts;
import jlab.labs.model.Text;
import jlab.labs.yaml.Signature;

/**
 * {@code overlay-mount}: an overlay filesystem is mounted at {@code merged}
 * on the host with the lab's layers. mountinfo's super options name them:
 * {@code lowerdir=} (read-only, below), {@code upperdir=} (where writes go),
 * {@code workdir=} (overlayfs's scratch space, on the same filesystem as the
 * upper). It is how a container's root is made from an image's layers.
 */
public final class OverlayMountCheck implements CheckKind {
    @Override
    public Signature signature() { return new Signature("overlay-mount", List.of("merged", "lower", "upper", "work"), List.of()); }

    @Override
    public Outcome check(Map<String, String> with, CheckContext context) {
        String merged = with.get("merged");
        Optional<MountInfo> m = Mounts.at(Mounts.host(context.host()), merged);
        String expected = "overlay lowerdir=" + with.get("lower") + ",upperdir=" + with.get("upper") + ",workdir=" + with.get("work");
        if (m.isEmpty()) {
            return Outcome.fail(new Text("Rien n'est monté sur " + merged + ".", "Nothing is mounted at " + merged + "."),
                    List.of(new Evidence("/proc/self/mountinfo", "nothing at " + merged, expected)),
                    new Text("`mount -t overlay overlay -o lowerdir=" + with.get("lower") + ",upperdir=" + with.get("upper")
                            + ",workdir=" + with.get("work") + " " + merged + "`",
                            "`mount -t overlay overlay -o lowerdir=" + with.get("lower") + ",upperdir=" + with.get("upper")
                            + ",workdir=" + with.get("work") + " " + merged + "`"));
        }
        MountInfo mount = m.get();
        List<Evidence> evidence = List.of(new Evidence("/proc/self/mountinfo", mount.fsType() + " " + mount.superOptions(), expected));
        if (!mount.fsType().equals("overlay")) {
            return Outcome.fail(new Text(merged + " est un montage " + mount.fsType() + ", pas overlay.",
                    merged + " is a " + mount.fsType() + " mount, not overlay."), evidence, null);
        }
        List<Text> wrong = new ArrayList<>();
        for (String layer : List.of("lower", "upper", "work")) {
            String option = layer + "dir";
            String seen = mount.superOption(option).orElse(null);
            if (!sameLayer(seen, with.get(layer))) {
                wrong.add(new Text(option + " vaut " + seen + ", et non " + with.get(layer) + ".",
                        option + " is " + seen + ", not " + with.get(layer) + "."));
            }
        }
        if (!wrong.isEmpty()) return Outcome.fail(wrong.get(0), evidence, wrong.size() > 1 ? wrong.get(1) : null);
        return Outcome.pass(new Text("Un overlay est monté sur " + merged + " avec les trois couches demandées.",
                "An overlay is mounted at " + merged + " with the three layers asked for."), evidence);
    }

    /**
     * Whether the layer named in mountinfo is the lab's. The kernel shows the
     * option as the mount(2) call gave it: a relative {@code lowerdir=lower},
     * typed in /srv/jlab/overlay, stays relative. An absolute path is compared
     * by identity; a relative one by its last names.
     */
    static boolean sameLayer(String seen, String expected) {
        if (seen == null) return false;
        Path s = Path.of(seen).normalize();
        Path e = Path.of(expected);
        if (s.isAbsolute()) return s.equals(e) || Mounts.sameFile(s, e);
        return !s.toString().isEmpty() && !s.startsWith("..") && e.endsWith(s);
    }
}
