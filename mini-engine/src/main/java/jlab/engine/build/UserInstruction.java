package jlab.engine.build;

/**
 * {@code USER name[:group]}: who RUN, CMD and ENTRYPOINT run as from now on. Not looked up here: a
 * later step may create the user (RUN adduser); the container that runs as it resolves it in the
 * image's /etc/passwd, as Docker does.
 */
final class UserInstruction implements ConfigStep {
    private final String user;

    private UserInstruction(String user) { this.user = user; }

    static void check(Instruction in) {
        if (in.args().isBlank()) throw BuildException.at(in, "USER needs a user: USER name[:group] or USER uid[:gid]");
    }

    static UserInstruction of(Instruction in, BuildState state, BuildTools tools) {
        String user = Instructions.word(in, in.args(), state.variables(), tools.words()).strip();
        if (user.isEmpty()) throw BuildException.at(in, "USER " + in.args() + ": the user is empty once substituted");
        return new UserInstruction(user);
    }

    @Override
    public String createdBy() { return BuildStep.nop("USER " + user); }

    @Override
    public Change make(BuildState state, BuildTools tools) { return Change.configOnly(state.settings().withUser(user)); }
}
