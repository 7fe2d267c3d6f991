package jlab.engine.build;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jlab.engine.EngineException;
import jlab.engine.image.ImageConfig;
import jlab.engine.image.ImageStore;
import jlab.engine.image.StoredImage;

/**
 * {@code FROM IMAGE [AS NAME]}: starts a stage from a local image (jlab pulls from no registry),
 * the built-in {@code busybox}, an earlier stage by its name, or {@code scratch} — nothing at all.
 * Only the ARGs declared before the first FROM may be used in it.
 */
final class FromInstruction {
    /** What a FROM line says, substituted. */
    record Parsed(String image, String stageName) {
        boolean scratch() { return image.equals("scratch"); }
    }

    private FromInstruction() {}

    static void check(Instruction in) {
        List<String> w = Instructions.rawWords(in);
        if (!(w.size() == 1 || (w.size() == 3 && w.get(1).equalsIgnoreCase("AS")))) {
            throw BuildException.at(in, "FROM takes an image and, if it names its stage, AS NAME: FROM IMAGE [AS NAME]");
        }
        String platform = in.flag("platform");
        if (platform != null && !platform.contains("$") && !platform.equals("linux/" + hostArchitecture())) {
            throw BuildException.at(in, "FROM --platform=" + platform + ": jlab builds for this machine only (linux/"
                    + hostArchitecture() + ")");
        }
    }

    static Parsed parse(Instruction in, Map<String, String> globals, ShellWords words) {
        List<String> w = Instructions.words(in, globals, words);
        if (w.size() != 1 && w.size() != 3) {
            throw BuildException.at(in, "FROM " + in.args() + ": once substituted, it must be FROM IMAGE [AS NAME]: " + w);
        }
        String name = w.size() == 3 ? w.get(2).toLowerCase() : null;
        if (name != null && !name.matches("[a-z][a-z0-9._-]*")) {
            throw BuildException.at(in, "FROM ... AS " + w.get(2) + ": a stage's name starts with a letter, then letters,"
                    + " digits, '.', '_' or '-'");
        }
        if (w.get(0).isEmpty()) throw BuildException.at(in, "FROM " + in.args() + ": the image's name is empty once substituted");
        return new Parsed(w.get(0), name);
    }

    /**
     * The image a FROM names, from the store (the built-in busybox is made on its first use), or one line
     * saying how jlab gets images; called for every stage before anything is built.
     */
    static StoredImage require(ImageStore store, String ref, Instruction in) {
        try {
            Optional<StoredImage> found = store.find(ref);
            if (found.isPresent()) return found.get();
            store.resolve(ref); // makes the built-in busybox, or says why there is no such image
            return store.require(ref);
        } catch (EngineException e) {
            throw BuildException.at(in, "FROM " + ref + ": " + e.getMessage());
        }
    }

    private static String hostArchitecture() { return ImageConfig.scratch().architecture(); }
}
