package jlab.engine.build;

import java.util.ArrayList;
import java.util.List;

import jlab.engine.image.Descriptor;
import jlab.engine.image.Image;
import jlab.engine.image.Passwd;

/**
 * {@code COPY [--from=STAGE] [--chown=USER[:GROUP]] [--chmod=MODE] SRC... DEST} and
 * {@code ADD [--chown=...] [--chmod=...] SRC... DEST}: files of the build context (or of an earlier
 * stage) into a new layer. Docker's rules:
 * <ul>
 * <li>SRC is under the context, never outside it; {@code *}, {@code ?} and {@code [a-z]} match
 *     within one path component; a directory's <em>contents</em> are copied, not the directory;</li>
 * <li>a relative DEST goes from WORKDIR; a DEST ending in {@code /}, or one the image has as a
 *     directory, receives files under their own names; several sources need such a DEST;</li>
 * <li>what is copied keeps its mode and time and belongs to root, unless {@code --chown};</li>
 * <li>ADD also unpacks a local tar archive (plain, gzip, bzip2) at DEST; a URL is refused:
 *     jlab fetches nothing from the network.</li>
 * </ul>
 * The history line carries a digest of the copied files ({@link ContentDigest}): edit one and this
 * step, and every later one, is built again.
 */
final class CopyInstruction implements BuildStep {
    private final Instruction in;
    private final boolean add;
    private final String dest;
    private final LayerStaging.Owner owner;
    private final boolean chowned;
    private final SourceFiles files;
    private final List<SourceFiles.Source> sources;
    private final String digest;

    private CopyInstruction(Instruction in, String dest, LayerStaging.Owner owner, boolean chowned, SourceFiles files,
                            List<SourceFiles.Source> sources) {
        this.in = in;
        this.add = in.keyword().equals("ADD");
        this.dest = dest;
        this.owner = owner;
        this.chowned = chowned;
        this.files = files;
        this.sources = sources;
        this.digest = ContentDigest.of(sources, files);
    }

    static void check(Instruction in) {
        for (String flag : in.flags().keySet()) {
            if (!List.of("from", "chown", "chmod", "link").contains(flag) || (flag.equals("from") && in.keyword().equals("ADD"))) {
                throw BuildException.at(in, in.keyword() + " --" + flag + " is not supported by jlab: remove it");
            }
        }
        if (Instructions.rawWords(in).size() < 2) {
            throw BuildException.at(in, in.keyword() + " needs a source and a destination: " + in.keyword() + " SRC... DEST");
        }
        if (in.keyword().equals("ADD")) {
            for (String w : Instructions.rawWords(in)) {
                if (w.matches("(?i)(https?|git|ssh)://.*|git@.*")) {
                    throw BuildException.at(in, "ADD " + w + ": jlab fetches nothing from the network: download the file"
                            + " into the build context and COPY it");
                }
            }
        }
    }

    static CopyInstruction of(Instruction in, BuildState state, BuildTools tools) {
        List<String> words = Instructions.execOrWords(in, state.variables(), tools.words());
        if (words.size() < 2) {
            throw BuildException.at(in, in.keyword() + " needs a source and a destination once substituted: " + words);
        }
        String destText = words.get(words.size() - 1);
        SourceFiles files = in.flag("from") != null ? tools.from(in.flag("from"), in) : tools.context();
        List<SourceFiles.Source> sources = new ArrayList<>();
        for (String src : words.subList(0, words.size() - 1)) sources.addAll(files.match(src, in));
        if (sources.size() > 1 && !destText.endsWith("/")) {
            throw BuildException.at(in, "When using " + in.keyword() + " with more than one source file, the destination"
                    + " must be a directory and end with a / (" + destText + ")");
        }
        String chown = in.flag("chown") == null ? null
                : Instructions.word(in, in.flag("chown"), state.variables(), tools.words());
        LayerStaging.Owner owner = owner(in, chown, mode(in), tools.image(state));
        String abs = ImagePaths.clean(destText.startsWith("/") ? destText : state.workdir() + "/" + destText);
        return new CopyInstruction(in, abs + (destText.endsWith("/") && !abs.equals("/") ? "/" : ""), owner,
                chown != null, files, sources);
    }

    /** --chmod=755: the mode of every file and directory copied (octal), or null to keep the sources'. */
    private static Integer mode(Instruction in) {
        String m = in.flag("chmod");
        if (m == null) return null;
        if (!m.matches("[0-7]{3,4}")) throw BuildException.at(in, in.keyword() + " --chmod=" + m + ": give an octal mode such as 755");
        return Integer.parseInt(m, 8);
    }

    /**
     * --chown=USER[:GROUP], numbers or names of the image's /etc/passwd and /etc/group. A user alone
     * gives its uid as the gid too, as Docker documents it.
     */
    private static LayerStaging.Owner owner(Instruction in, String chown, Integer chmod, Image image) {
        if (chown == null) return new LayerStaging.Owner(0, 0, chmod);
        String[] parts = chown.split(":", 2);
        try {
            int uid = number(parts[0]) ? Integer.parseInt(parts[0]) : (int) passwd(in, image, parts[0]).uid();
            int gid = parts.length < 2 ? uid
                    : number(parts[1]) ? Integer.parseInt(parts[1]) : (int) passwd(in, image, "0:" + parts[1]).gid();
            return new LayerStaging.Owner(uid, gid, chmod);
        } catch (jlab.engine.EngineException e) {
            if (e instanceof BuildException) throw e;
            throw BuildException.at(in, in.keyword() + " --chown=" + chown + ": " + e.getMessage());
        }
    }

    private static Passwd.User passwd(Instruction in, Image image, String spec) {
        if (image == null) {
            throw BuildException.at(in, in.keyword() + " --chown=" + spec + ": the image has no /etc/passwd or /etc/group"
                    + " to look names up in (FROM scratch): give numbers, --chown=1000:1000");
        }
        return Passwd.resolve(image, spec);
    }

    private static boolean number(String s) { return !s.isEmpty() && s.chars().allMatch(Character::isDigit); }

    @Override
    public String createdBy() {
        StringBuilder line = new StringBuilder("/bin/sh -c #(nop) ").append(in.keyword());
        if (chowned) line.append(" --chown=").append(owner.uid()).append(':').append(owner.gid());
        if (owner.chmod() != null) line.append(" --chmod=").append(Integer.toOctalString(owner.chmod()));
        return line.append(' ').append(digest).append(" in ").append(dest).toString();
    }

    @Override
    public Change make(BuildState state, BuildTools tools) {
        Image image = tools.image(state);
        LayerStaging staging = new LayerStaging(tools.scratch(add ? "add" : "copy"), image);
        String target = ImagePaths.resolve(image, dest);
        for (SourceFiles.Source s : sources) {
            if (add && !s.directory() && files instanceof ContextFiles && ArchiveExtractor.isArchive(s.path(), in)) {
                ArchiveExtractor.extract(s.path(), staging.directory(target, owner), owner, chowned, in);
            } else if (s.directory()) {
                staging.copy(files.walk(s), target, owner);
            } else {
                boolean intoDirectory = dest.endsWith("/") || target.isEmpty() || staging.isDirectory(target);
                String to = !intoDirectory ? target : target.isEmpty() ? s.name() : target + "/" + s.name();
                staging.copy(files.walk(s), to, owner);
            }
        }
        staging.finish();
        Descriptor layer = tools.store().writeLayer(staging.root(), null, tools.lease());
        return new Change(layer, state.settings());
    }
}
