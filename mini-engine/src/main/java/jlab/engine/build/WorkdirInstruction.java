package jlab.engine.build;

import jlab.engine.image.Descriptor;
import jlab.engine.image.Image;

/**
 * {@code WORKDIR /app}: the directory later RUN, CMD, ENTRYPOINT, COPY and ADD start from; a
 * relative one goes on from the previous ({@code WORKDIR a} then {@code WORKDIR b} is /a/b, as
 * {@code cd}). A directory the image lacks is made, in a layer of its own (owned by root, 0755),
 * as Docker does; one it has costs no layer.
 */
final class WorkdirInstruction implements BuildStep {
    private final String path;

    private WorkdirInstruction(String path) { this.path = path; }

    static void check(Instruction in) {
        if (in.args().isBlank()) throw BuildException.at(in, "WORKDIR needs a path: WORKDIR /app");
    }

    static WorkdirInstruction of(Instruction in, BuildState state, BuildTools tools) {
        String dir = Instructions.word(in, in.args(), state.variables(), tools.words()).strip();
        if (dir.isEmpty()) throw BuildException.at(in, "WORKDIR " + in.args() + ": the path is empty once substituted");
        return new WorkdirInstruction(ImagePaths.clean(dir.startsWith("/") ? dir : state.workdir() + "/" + dir));
    }

    @Override
    public String createdBy() { return "/bin/sh -c #(nop) WORKDIR " + path; }

    @Override
    public Change make(BuildState state, BuildTools tools) {
        Image image = tools.image(state);
        String resolved = ImagePaths.resolve(image, path);
        if (resolved.isEmpty() || ImagePaths.isDirectory(image, resolved)) {
            return Change.configOnly(state.settings().withWorkingDir(path));
        }
        LayerStaging staging = new LayerStaging(tools.scratch("workdir"), image);
        staging.directory(resolved, LayerStaging.Owner.ROOT);
        Descriptor layer = tools.store().writeLayer(staging.root(), null, tools.lease());
        return new Change(layer, state.settings().withWorkingDir(path));
    }
}
