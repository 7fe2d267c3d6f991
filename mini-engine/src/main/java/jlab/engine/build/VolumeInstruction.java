package jlab.engine.build;

import java.util.List;

import jlab.engine.image.ImageConfig;

/**
 * {@code VOLUME /data} or {@code VOLUME ["/data", "/logs"]}: paths that each container of the image
 * gets an anonymous volume for (see README, Volumes), so that what is written there outlives the
 * container's own layer.
 */
final class VolumeInstruction implements ConfigStep {
    private final List<String> paths;

    private VolumeInstruction(List<String> paths) { this.paths = paths; }

    static void check(Instruction in) {
        if (Instructions.rawWords(in).isEmpty()) throw BuildException.at(in, "VOLUME needs at least one path: VOLUME /data");
    }

    static VolumeInstruction of(Instruction in, BuildState state, BuildTools tools) {
        List<String> paths = Instructions.execOrWords(in, state.variables(), tools.words());
        for (String p : paths) {
            if (p.isBlank()) throw BuildException.at(in, "VOLUME: a volume's path is empty once substituted");
        }
        return new VolumeInstruction(paths);
    }

    @Override
    public String createdBy() { return BuildStep.nop("VOLUME " + Json.array(paths)); }

    @Override
    public Change make(BuildState state, BuildTools tools) {
        ImageConfig.Settings s = state.settings();
        for (String p : paths) s = s.withVolume(p);
        return Change.configOnly(s);
    }
}
