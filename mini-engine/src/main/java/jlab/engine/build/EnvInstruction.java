package jlab.engine.build;

import java.util.List;
import java.util.stream.Collectors;

import jlab.engine.image.ImageConfig;

/**
 * {@code ENV NAME=value ...}: variables every later step and every container of the image get. The
 * values are substituted with the variables as they were before this line ({@code ENV A=1 B=$A}
 * gives B the old A, as Docker does). The old form {@code ENV NAME value with blanks} still works.
 */
final class EnvInstruction implements ConfigStep {
    private final List<String[]> pairs;

    private EnvInstruction(List<String[]> pairs) { this.pairs = pairs; }

    static void check(Instruction in) {
        if (in.args().isBlank()) throw BuildException.at(in, "ENV needs at least one NAME=value");
    }

    static EnvInstruction of(Instruction in, BuildState state, BuildTools tools) {
        return new EnvInstruction(Instructions.pairs(in, state.variables(), tools.words()));
    }

    @Override
    public String createdBy() {
        return BuildStep.nop("ENV " + pairs.stream().map(p -> p[0] + "=" + p[1]).collect(Collectors.joining(" ")));
    }

    @Override
    public Change make(BuildState state, BuildTools tools) {
        ImageConfig.Settings s = state.settings();
        for (String[] p : pairs) s = s.withEnvVar(p[0], p[1]);
        return Change.configOnly(s);
    }
}
