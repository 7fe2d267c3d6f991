package jlab.labs.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jlab.labs.model.Text;
import jlab.labs.yaml.Signature;

/**
 * {@code overlay-change}: a file of the lower layer was changed or deleted
 * through the merged view, and overlayfs did what it does:
 * <ul>
 *   <li>{@code change: modified}: the first write <em>copies the file up</em> into the
 *       upper layer; the merged view shows the upper copy, the lower file is untouched;</li>
 *   <li>{@code change: deleted}: the file cannot be removed from the read-only lower
 *       layer, so overlayfs puts a <em>whiteout</em> in the upper layer — a character
 *       device with device number 0/0 — that hides it in the merged view.</li>
 * </ul>
 * {@code original} is the lower file's content, as {@code lab start} wrote it.
 */
public final class OverlayChangeCheck implements CheckKind {
    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    @Override
    public Signature signature() {
        return new Signature("overlay-change", List.of("merged", "upper", "lower", "file", "change", "original"), List.of());
    }

    @Override
    public Outcome check(Map<String, String> with, CheckContext context) {
        String file = with.get("file");
        Path merged = Path.of(with.get("merged"), file);
        Path upper = Path.of(with.get("upper"), file);
        Path lower = Path.of(with.get("lower"), file);
        String original = with.get("original").strip();
        List<Evidence> evidence = new ArrayList<>();
        String lowerNow = read(lower);
        evidence.add(new Evidence(lower.toString(), lowerNow == null ? "(missing)" : lowerNow, original + " (untouched)"));
        if (!original.equals(lowerNow)) {
            return Outcome.fail(new Text("La couche basse a été modifiée : " + lower + " n'est plus le fichier d'origine.",
                            "The lower layer was changed: " + lower + " is no longer the original file."), evidence,
                    new Text("Passez toujours par " + with.get("merged") + " ; `jlab lab reset` puis `jlab lab start` remettent la couche basse.",
                            "Always go through " + with.get("merged") + "; `jlab lab reset` then `jlab lab start` put the lower layer back."));
        }
        return with.get("change").equals("deleted") ? deleted(merged, upper, evidence) : modified(merged, upper, original, evidence);
    }

    private static Outcome modified(Path merged, Path upper, String original, List<Evidence> evidence) {
        String seen = read(merged);
        String copy = read(upper);
        evidence.add(new Evidence(merged.toString(), seen == null ? "(missing)" : seen, "not the original"));
        evidence.add(new Evidence(upper.toString(), copy == null ? "(no copy-up)" : copy, "the changed file, copied up"));
        if (seen == null || seen.equals(original)) {
            return Outcome.fail(new Text(merged + " est encore le fichier d'origine.", merged + " is still the original file."), evidence,
                    new Text("Écrivez-y par la vue fusionnée : `echo changé > " + merged + "`.",
                            "Write to it through the merged view: `echo changed > " + merged + "`."));
        }
        if (!seen.equals(copy)) {
            return Outcome.fail(new Text("La copie dans la couche haute (" + upper + ") ne correspond pas à la vue fusionnée.",
                    "The copy in the upper layer (" + upper + ") does not match the merged view."), evidence, null);
        }
        return Outcome.pass(new Text("Modifié par la vue fusionnée : overlayfs a copié le fichier en haut (copy-up), la couche basse est intacte.",
                "Changed through the merged view: overlayfs copied the file up, the lower layer is untouched."), evidence);
    }

    private static Outcome deleted(Path merged, Path upper, List<Evidence> evidence) {
        boolean gone = !Files.exists(merged, LinkOption.NOFOLLOW_LINKS);
        boolean whiteout = isWhiteout(upper);
        evidence.add(new Evidence(merged.toString(), gone ? "(absent)" : "present", "absent"));
        evidence.add(new Evidence(upper.toString(), whiteout ? "a whiteout (character device 0/0)" : describe(upper),
                "a whiteout (character device 0/0)"));
        if (!gone) {
            return Outcome.fail(new Text(merged + " est encore là.", merged + " is still there."), evidence,
                    new Text("`rm " + merged + "` : overlayfs cache alors le fichier du bas par un « whiteout ».",
                            "`rm " + merged + "`: overlayfs then hides the lower file with a whiteout."));
        }
        if (!whiteout) {
            return Outcome.fail(new Text("Le fichier a disparu de la vue fusionnée, mais sans whiteout dans la couche haute.",
                    "The file is gone from the merged view, but there is no whiteout in the upper layer."), evidence, null);
        }
        return Outcome.pass(new Text("Supprimé par la vue fusionnée : un whiteout (périphérique caractère 0/0) le cache, la couche basse est intacte.",
                "Deleted through the merged view: a whiteout (character device 0/0) hides it, the lower layer is untouched."), evidence);
    }

    /** A character device with device number 0/0: overlayfs's mark for "deleted here". */
    static boolean isWhiteout(Path p) {
        try {
            int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            long rdev = (Long) Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
            return (mode & S_IFMT) == S_IFCHR && rdev == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static String describe(Path p) {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return "(absent)";
        return Files.isRegularFile(p) ? "a regular file" : "something else";
    }

    private static String read(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.readString(p).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
