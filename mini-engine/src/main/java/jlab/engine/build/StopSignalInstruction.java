package jlab.engine.build;

/** {@code STOPSIGNAL SIGQUIT}: the signal {@code stop} sends first (Docker's StopSignal, kept in the configuration). */
final class StopSignalInstruction implements ConfigStep {
    private final String signal;

    private StopSignalInstruction(String signal) { this.signal = signal; }

    static void check(Instruction in) {
        if (in.args().isBlank()) throw BuildException.at(in, "STOPSIGNAL needs a signal: STOPSIGNAL SIGTERM or STOPSIGNAL 15");
    }

    static StopSignalInstruction of(Instruction in, BuildState state, BuildTools tools) {
        String s = Instructions.word(in, in.args(), state.variables(), tools.words()).strip();
        if (!s.matches("(SIG)?[A-Z][A-Z0-9+-]*|\\d+")) {
            throw BuildException.at(in, "STOPSIGNAL " + s + ": not a signal (SIGTERM, SIGQUIT, 15...)");
        }
        return new StopSignalInstruction(s);
    }

    @Override
    public String createdBy() { return BuildStep.nop("STOPSIGNAL " + signal); }

    @Override
    public Change make(BuildState state, BuildTools tools) {
        return Change.configOnly(state.settings().withStopSignal(signal));
    }
}
