package jlab.engine.build;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jlab.engine.image.Descriptor;
import jlab.engine.image.ImageConfig;
import jlab.engine.image.StoredImage;

/**
 * A stage of a build, as it stands between two steps: the image so far (none yet after
 * {@code FROM scratch}), its configuration, and what lives only during the build — the ARGs in
 * scope and their values, the SHELL of RUN's shell form (from the FROM image's config, then from
 * the stage's SHELL lines), whether a CMD was given (ENTRYPOINT then keeps it).
 */
final class BuildState {
    static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

    private final String name;
    private StoredImage image;
    private ImageConfig config;
    private final Map<String, String> args = new LinkedHashMap<>();
    private List<String> shell;
    private boolean cmdSet;

    /** {@code image}: the FROM image, or null for scratch. */
    BuildState(String name, StoredImage image) {
        this.name = name;
        this.image = image;
        this.config = image == null ? ImageConfig.scratch() : image.config();
        List<String> inherited = config.settings().shell();
        this.shell = inherited == null || inherited.isEmpty() ? DEFAULT_SHELL : inherited;
    }

    /** The stage's name ({@code FROM x AS name}), or its number ("0", "1"...). */
    String name() { return name; }

    /** The image so far, or null before the first step of {@code FROM scratch}. */
    StoredImage image() { return image; }

    /** Its ID ({@code sha256:...}), or null for scratch: the parent of the next step's image. */
    String imageId() { return image == null ? null : image.id().toString(); }

    ImageConfig config() { return config; }

    ImageConfig.Settings settings() { return config.settings(); }

    /** The layers' blobs of the image so far, the lowest first. */
    List<Descriptor> layers() { return image == null ? List.of() : image.manifestBody().layers(); }

    /** The next step's image is this state's image from now on. */
    void advance(StoredImage next) {
        image = next;
        config = next.config();
    }

    /** {@code ARG NAME}: in scope from now on, with {@code value} (null: declared without one). */
    void declareArg(String argName, String value) { args.put(argName, value); }

    /** The ARGs in scope that have a value, by name: RUN's environment and the "|1 A=b" of its history. */
    Map<String, String> argValues() {
        Map<String, String> out = new TreeMap<>();
        args.forEach((k, v) -> {
            if (v != null) out.put(k, v);
        });
        return out;
    }

    /**
     * The variables an instruction's words may use: the ARGs in scope, then the image's ENV, which
     * wins over an ARG of the same name (as Docker documents it).
     */
    Map<String, String> variables() {
        Map<String, String> out = new LinkedHashMap<>(argValues());
        for (String e : settings().envOrEmpty()) {
            int eq = e.indexOf('=');
            if (eq > 0) out.put(e.substring(0, eq), e.substring(eq + 1));
        }
        return out;
    }

    /** The ENV names of the image: an ARG of the same name does not reach RUN's environment. */
    boolean hasEnv(String variable) {
        return settings().envOrEmpty().stream().anyMatch(e -> e.startsWith(variable + "="));
    }

    List<String> shell() { return shell; }

    void shell(List<String> s) { shell = List.copyOf(s); }

    boolean cmdSet() { return cmdSet; }

    void cmdSet(boolean v) { cmdSet = v; }

    /** The working directory the next step starts in: WORKDIR's, or "/". */
    String workdir() {
        String w = settings().workingDir();
        return w == null || w.isEmpty() ? "/" : w;
    }
}
