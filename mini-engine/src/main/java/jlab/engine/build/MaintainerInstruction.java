package jlab.engine.build;

/** {@code MAINTAINER name}: the image's author (deprecated by Docker for {@code LABEL maintainer=...}, still read). */
final class MaintainerInstruction implements ConfigStep {
    private final String author;

    private MaintainerInstruction(String author) { this.author = author; }

    static void check(Instruction in) {
        if (in.args().isBlank()) throw BuildException.at(in, "MAINTAINER needs a name");
    }

    static MaintainerInstruction of(Instruction in) { return new MaintainerInstruction(in.args()); }

    @Override
    public String createdBy() { return BuildStep.nop("MAINTAINER " + author); }

    @Override
    public Change make(BuildState state, BuildTools tools) { return new Change(null, state.settings(), author); }
}
