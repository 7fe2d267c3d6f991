package jlab.engine.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ARG NAME[=default]}: a variable of the build only. Its value is {@code --build-arg NAME=...}
 * if given, else its default, else (for a name declared before the first FROM) the global one. It is
 * in scope for the instructions that follow in its stage and in RUN's environment, but never in the
 * image's configuration: a container of the image does not see it. RUN's history line carries the
 * values ({@code |1 VERSION=2 /bin/sh -c ...}), so another value builds again.
 */
final class ArgInstruction implements ConfigStep {
    private final String text;
    private final List<String[]> declared;

    private ArgInstruction(String text, List<String[]> declared) {
        this.text = text;
        this.declared = declared;
    }

    static void check(Instruction in) {
        if (in.args().isBlank()) throw BuildException.at(in, "ARG needs a name: ARG NAME or ARG NAME=default");
    }

    static ArgInstruction of(Instruction in, BuildState state, BuildTools tools) {
        return new ArgInstruction(in.args(), declare(in, state.variables(), tools.words(), tools::buildArg,
                tools.globals()));
    }

    /** Each name with its value (null: none): from --build-arg, its default, or the global ARG of that name. */
    static List<String[]> declare(Instruction in, Map<String, String> variables, ShellWords words,
                                  java.util.function.Function<String, java.util.Optional<String>> buildArg,
                                  Map<String, String> globals) {
        List<String[]> out = new ArrayList<>();
        for (String w : Instructions.words(in, variables, words)) {
            int eq = w.indexOf('=');
            String name = eq < 0 ? w : w.substring(0, eq);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw BuildException.at(in, "ARG " + w + ": \"" + name + "\" is not a variable name (letters, digits, _)");
            }
            String value = buildArg.apply(name).orElse(eq >= 0 ? w.substring(eq + 1) : globals.get(name));
            out.add(new String[] {name, value});
        }
        return out;
    }

    @Override
    public void declare(BuildState state) {
        for (String[] d : declared) state.declareArg(d[0], d[1]);
    }

    @Override
    public String createdBy() { return BuildStep.nop("ARG " + text); }

    @Override
    public Change make(BuildState state, BuildTools tools) { return Change.configOnly(state.settings()); }
}
