package jlab.engine.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jlab.engine.Engine;
import jlab.engine.image.Descriptor;
import jlab.engine.image.ImageConfig;
import jlab.engine.image.ImageStore;
import jlab.engine.image.Leases;
import jlab.engine.image.Reference;
import jlab.engine.image.StoredImage;
import jlab.engine.plan.StepListener;

/**
 * {@code jlab build}: a Dockerfile, read and checked whole first, then run one step at a time as
 * Docker's classic builder does. Each step starts from the image the previous one made and makes
 * one image more — a layer (RUN, COPY, ADD, a new WORKDIR) or only a new configuration (ENV, CMD,
 * EXPOSE...) — kept as an intermediate image, which is the build cache ({@link BuildCache}). The
 * last step's image is the build's, tagged with each {@code -t}.
 *
 * <p>A build that fails leaves what a build that stopped there would: the images of the steps that
 * succeeded (the cache), and nothing else — the failed RUN's container is removed, a layer written
 * for no image is deleted, the scratch directory goes. A mistake in the Dockerfile, an unknown FROM
 * image, a bad --target: found before any step runs, so nothing at all is made.
 */
public final class ImageBuild {
    private final Engine engine;
    private final BuildOptions options;
    private final Progress progress;
    private final StepListener listener;

    /** {@code listener}: watches each RUN's container (the CLI forwards Ctrl-C to it). */
    public ImageBuild(Engine engine, BuildOptions options, Progress progress, StepListener listener) {
        this.engine = engine;
        this.options = options;
        this.progress = progress;
        this.listener = listener;
    }

    /** Builds; returns the image, tagged. */
    public StoredImage run() {
        ImageStore store = engine.images();
        Dockerfile dockerfile = DockerfileParser.parse(read(), options.dockerfileName());
        ShellWords words = new ShellWords(dockerfile.escape());
        List<Dockerfile.Stage> stages = stagesToBuild(dockerfile);
        dockerfile.instructions().forEach(Instructions::check);
        for (String tag : options.tags()) checkTag(tag);
        ContextFiles context = new ContextFiles(options.context());
        Map<String, String> globals = new LinkedHashMap<>();
        Set<String> usedGlobals = new HashSet<>();
        for (Instruction arg : dockerfile.globalArgs()) {
            for (String[] d : ArgInstruction.declare(arg, globals, words, name -> buildArg(name, usedGlobals), Map.of())) {
                if (d[1] != null) globals.put(d[0], d[1]);
            }
        }
        List<FromInstruction.Parsed> froms = checkFroms(stages, globals, words, store);
        int total = stages.stream().mapToInt(s -> 1 + s.body().size()).sum();
        BuildCache cache = new BuildCache(store);
        try (Leases.Lease lease = store.leases().open(); BuildWorkDir work = BuildWorkDir.open(store.dir())) {
            BuildTools tools = new BuildTools(engine, context, lease, work, progress, options, listener, words, globals);
            usedGlobals.forEach(tools::buildArg);
            int n = 0;
            BuildState last = null;
            for (Dockerfile.Stage stage : stages) {
                progress.step(++n, total, stage.from());
                FromInstruction.Parsed from = froms.get(stage.index());
                BuildState state = start(stage, from, tools, store);
                progress.image(state.image() == null ? null : state.image().id().shortHex());
                for (Instruction in : stage.body()) {
                    progress.step(++n, total, in);
                    step(in, state, tools, cache);
                }
                tools.stageDone(stage.index(), from.stageName(), state);
                last = state;
            }
            for (String unused : tools.unusedArgs()) {
                progress.warning("One or more build-args [" + unused + "] were not consumed");
            }
            if (last.image() == null) {
                throw new BuildException("No image was generated: the Dockerfile's last stage is FROM scratch with nothing added");
            }
            StoredImage built = store.finishBuild(last.image(), options.tags());
            progress.built(built.id().shortHex());
            for (String tag : options.tags()) progress.tagged(Reference.parse(tag).toString());
            return built;
        } catch (RuntimeException e) {
            // The lease is closed: what no image names (a layer written for a step that failed) goes now.
            store.collect();
            throw e;
        }
    }

    private String read() {
        Path f = options.dockerfilePath();
        try {
            return Files.readString(f);
        } catch (NoSuchFileException e) {
            throw new BuildException("cannot read the Dockerfile " + f + ": no such file (give one with -f FILE, or put a"
                    + " Dockerfile in the context " + options.context() + ")");
        } catch (IOException e) {
            throw new BuildException("cannot read the Dockerfile " + f + ": " + e.getMessage());
        }
    }

    private Optional<String> buildArg(String name, Set<String> used) {
        if (!options.buildArgs().containsKey(name)) return Optional.empty();
        used.add(name);
        return Optional.of(options.buildArgs().get(name));
    }

    /** The stages up to --target (all without it); a target no stage has is refused. */
    private List<Dockerfile.Stage> stagesToBuild(Dockerfile dockerfile) {
        List<Dockerfile.Stage> all = dockerfile.stages();
        if (options.target() == null) return all;
        List<Dockerfile.Stage> out = new ArrayList<>();
        for (Dockerfile.Stage s : all) {
            out.add(s);
            List<String> w = Instructions.rawWords(s.from());
            if (w.size() == 3 && w.get(2).equalsIgnoreCase(options.target())) return out;
        }
        throw new BuildException("--target " + options.target() + ": no stage of " + dockerfile.file() + " is named so"
                + " (FROM IMAGE AS " + options.target() + ")");
    }

    private static void checkTag(String tag) {
        try {
            Reference.parse(tag);
        } catch (jlab.engine.EngineException e) {
            throw new BuildException("-t " + tag + ": " + e.getMessage());
        }
    }

    /** Each FROM, substituted, its image found now: an unknown one stops the build before anything is made. */
    private static List<FromInstruction.Parsed> checkFroms(List<Dockerfile.Stage> stages, Map<String, String> globals,
                                                          ShellWords words, ImageStore store) {
        List<FromInstruction.Parsed> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Dockerfile.Stage s : stages) {
            FromInstruction.Parsed p = FromInstruction.parse(s.from(), globals, words);
            if (!p.scratch() && !names.contains(p.image().toLowerCase())) FromInstruction.require(store, p.image(), s.from());
            if (p.stageName() != null && !names.add(p.stageName())) {
                throw BuildException.at(s.from(), "a stage named " + p.stageName() + " comes before: each stage's name is its own");
            }
            out.add(p);
        }
        return out;
    }

    private static BuildState start(Dockerfile.Stage stage, FromInstruction.Parsed from, BuildTools tools, ImageStore store) {
        String name = from.stageName() != null ? from.stageName() : Integer.toString(stage.index());
        if (from.scratch()) return new BuildState(name, null);
        BuildState earlier = tools.stage(from.image().toLowerCase());
        if (earlier != null) return new BuildState(name, earlier.image());
        return new BuildState(name, FromInstruction.require(store, from.image(), stage.from()));
    }

    /** One step: from the cache if it has it (and --no-cache is not given), else made and kept as an image. */
    private void step(Instruction in, BuildState state, BuildTools tools, BuildCache cache) {
        BuildStep step = Instructions.step(in, state, tools);
        step.declare(state);
        String createdBy = step.createdBy();
        Change computed = step instanceof ConfigStep ? step.make(state, tools) : null;
        if (!options.noCache()) {
            Optional<StoredImage> hit = cache.find(state, createdBy, computed == null ? null : computed.settings());
            if (hit.isPresent()) {
                progress.usingCache();
                state.advance(hit.get());
                progress.image(hit.get().id().shortHex());
                return;
            }
        }
        Change change = computed != null ? computed : step.make(state, tools);
        ImageConfig base = state.config();
        if (change.author() != null) {
            base = new ImageConfig(base.created(), change.author(), base.architecture(), base.os(), base.config(),
                    base.rootfs(), base.history());
        }
        ImageConfig config = base.child(ImageStore.timestamp(Instant.now()), createdBy,
                change.layer() == null ? null : change.layer().digest(), change.settings());
        List<Descriptor> layers = new ArrayList<>(state.layers());
        if (change.layer() != null) layers.add(change.layer());
        StoredImage next = tools.store().add(config, layers, state.imageId(), true, List.of(), tools.lease());
        state.advance(next);
        progress.image(next.id().shortHex());
    }
}
