package jlab.engine.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jlab.engine.Engine;
import jlab.engine.EngineException;
import jlab.engine.image.Image;
import jlab.engine.image.ImageStore;
import jlab.engine.image.Leases;
import jlab.engine.image.StoredImage;
import jlab.engine.plan.StepListener;

/**
 * What the steps of one build share: the engine and its image store, the context, the lease that
 * keeps the new blobs until they are in the index, a scratch directory, the progress, the stages
 * already built (for COPY --from), and the --build-arg values with those an ARG used.
 */
final class BuildTools {
    private final Engine engine;
    private final ContextFiles context;
    private final Leases.Lease lease;
    private final BuildWorkDir work;
    private final Progress progress;
    private final BuildOptions options;
    private final StepListener listener;
    private final ShellWords words;
    private final Map<String, String> globals;
    private final Map<String, BuildState> stages = new HashMap<>();
    private final Set<String> usedArgs = new HashSet<>();
    private final Map<String, Image> unpacked = new HashMap<>();
    private int scratchCount;

    BuildTools(Engine engine, ContextFiles context, Leases.Lease lease, BuildWorkDir work, Progress progress,
               BuildOptions options, StepListener listener, ShellWords words, Map<String, String> globals) {
        this.engine = engine;
        this.context = context;
        this.lease = lease;
        this.work = work;
        this.progress = progress;
        this.options = options;
        this.listener = listener;
        this.words = words;
        this.globals = Map.copyOf(globals);
    }

    Engine engine() { return engine; }

    ImageStore store() { return engine.images(); }

    ContextFiles context() { return context; }

    Leases.Lease lease() { return lease; }

    Progress progress() { return progress; }

    BuildOptions options() { return options; }

    StepListener listener() { return listener; }

    ShellWords words() { return words; }

    /** The values of the ARGs declared before the first FROM: an ARG of the same name in a stage takes it. */
    Map<String, String> globals() { return globals; }

    /** A new, empty directory of the build's scratch space. */
    Path scratch(String what) {
        Path p = work.dir().resolve(what + "-" + (++scratchCount));
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + p + ": " + e.getMessage(), e);
        }
        return p;
    }

    /** A file name in the scratch space (not created). */
    Path scratchFile(String what) { return work.dir().resolve(what + "-" + (++scratchCount)); }

    /** The image so far with its layers unpacked (a RUN's, or what COPY looks up), or null after FROM scratch. */
    Image image(BuildState state) {
        StoredImage s = state.image();
        if (s == null) return null;
        return unpacked.computeIfAbsent(s.id().toString(), id -> store().image(s, s.displayName()));
    }

    /** --build-arg NAME's value, if given; noted as used. */
    Optional<String> buildArg(String name) {
        if (!options.buildArgs().containsKey(name)) return Optional.empty();
        usedArgs.add(name);
        return Optional.of(options.buildArgs().get(name));
    }

    /** The --build-arg names no ARG declared: Docker warns of them. */
    List<String> unusedArgs() {
        return options.buildArgs().keySet().stream().filter(k -> !usedArgs.contains(k)).sorted().toList();
    }

    /** Records a finished stage under its number and, if it has one, its name. */
    void stageDone(int index, String name, BuildState state) {
        stages.put(Integer.toString(index), state);
        if (name != null) stages.put(name, state);
    }

    /** An earlier stage, by name or number, or null. */
    BuildState stage(String nameOrIndex) { return stages.get(nameOrIndex); }

    /** COPY --from=X: the files of stage X, or of the image X. */
    SourceFiles from(String ref, Instruction in) {
        BuildState stage = stage(ref);
        if (stage != null) {
            Image image = image(stage);
            if (image == null) {
                throw BuildException.at(in, "COPY --from=" + ref + ": the stage " + ref + " is empty (FROM scratch with"
                        + " nothing added)");
            }
            return new ImageFiles(image, "stage " + ref);
        }
        try {
            return new ImageFiles(store().resolve(ref), "image " + ref);
        } catch (EngineException e) {
            throw BuildException.at(in, "COPY --from=" + ref + ": no stage of that name before this line, and "
                    + e.getMessage());
        }
    }
}
