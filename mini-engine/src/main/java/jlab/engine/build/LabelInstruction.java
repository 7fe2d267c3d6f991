package jlab.engine.build;

import java.util.List;
import java.util.stream.Collectors;

import jlab.engine.image.ImageConfig;

/** {@code LABEL key=value ...}: metadata of the image ({@code Labels} of its configuration), inherited by its children. */
final class LabelInstruction implements ConfigStep {
    private final List<String[]> pairs;

    private LabelInstruction(List<String[]> pairs) { this.pairs = pairs; }

    static void check(Instruction in) {
        if (in.args().isBlank()) throw BuildException.at(in, "LABEL needs at least one key=value");
    }

    static LabelInstruction of(Instruction in, BuildState state, BuildTools tools) {
        return new LabelInstruction(Instructions.pairs(in, state.variables(), tools.words()));
    }

    @Override
    public String createdBy() {
        return BuildStep.nop("LABEL " + pairs.stream().map(p -> p[0] + "=" + p[1]).collect(Collectors.joining(" ")));
    }

    @Override
    public Change make(BuildState state, BuildTools tools) {
        ImageConfig.Settings s = state.settings();
        for (String[] p : pairs) s = s.withLabel(p[0], p[1]);
        return Change.configOnly(s);
    }
}
