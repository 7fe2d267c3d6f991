package jlab.engine.build;

import java.util.List;

/**
 * {@code SHELL ["/bin/bash", "-c"]}: the shell that the shell form of later RUN, CMD and ENTRYPOINT
 * lines goes through (instead of {@code /bin/sh -c}). Only the exec form is allowed. The shell is
 * part of each later RUN's command, so of its history line and cache key. It is kept in the image's
 * config ("Shell", as Docker keeps it), so a build FROM this image starts with it.
 */
final class ShellInstruction implements ConfigStep {
    private final List<String> shell;

    private ShellInstruction(List<String> shell) { this.shell = shell; }

    static void check(Instruction in) {
        if (!in.execForm() || in.json().isEmpty()) {
            throw BuildException.at(in, "SHELL needs the JSON form: SHELL [\"/bin/bash\", \"-c\"]");
        }
    }

    static ShellInstruction of(Instruction in) { return new ShellInstruction(in.json()); }

    @Override
    public void declare(BuildState state) { state.shell(shell); }

    @Override
    public String createdBy() { return BuildStep.nop("SHELL " + Json.array(shell)); }

    @Override
    public Change make(BuildState state, BuildTools tools) { return Change.configOnly(state.settings().withShell(shell)); }
}
