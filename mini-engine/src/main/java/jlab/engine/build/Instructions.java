package jlab.engine.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * From an instruction's keyword to its class: {@link #check} looks at every line before the build
 * makes anything (so a mistake on line 9 leaves nothing of lines 1 to 8), {@link #step} prepares
 * one for the state its stage is in. The words helpers substitute variables and name the line in
 * their errors.
 */
final class Instructions {
    private Instructions() {}

    /** The mistakes that can be seen without running anything: a missing argument, a flag jlab does not do. */
    static void check(Instruction in) {
        switch (in.keyword()) {
            case "FROM" -> FromInstruction.check(in);
            case "RUN" -> RunInstruction.check(in);
            case "COPY", "ADD" -> CopyInstruction.check(in);
            case "ENV" -> EnvInstruction.check(in);
            case "ARG" -> ArgInstruction.check(in);
            case "WORKDIR" -> WorkdirInstruction.check(in);
            case "USER" -> UserInstruction.check(in);
            case "EXPOSE" -> ExposeInstruction.check(in);
            case "LABEL" -> LabelInstruction.check(in);
            case "VOLUME" -> VolumeInstruction.check(in);
            case "CMD", "ENTRYPOINT" -> CommandInstruction.check(in);
            case "SHELL" -> ShellInstruction.check(in);
            case "STOPSIGNAL" -> StopSignalInstruction.check(in);
            case "MAINTAINER" -> MaintainerInstruction.check(in);
            case "HEALTHCHECK" -> throw BuildException.at(in, "HEALTHCHECK is not supported by jlab (it runs no health"
                    + " checks): remove the line");
            case "ONBUILD" -> throw BuildException.at(in, "ONBUILD is not supported by jlab (no build looks for"
                    + " triggers in its base image): remove the line");
            default -> throw BuildException.at(in, "unknown instruction \"" + in.keyword() + "\"");
        }
    }

    /** The step {@code in} is in this state (FROM is not a step: the build starts a stage with it). */
    static BuildStep step(Instruction in, BuildState state, BuildTools tools) {
        return switch (in.keyword()) {
            case "RUN" -> RunInstruction.of(in, state);
            case "COPY", "ADD" -> CopyInstruction.of(in, state, tools);
            case "ENV" -> EnvInstruction.of(in, state, tools);
            case "ARG" -> ArgInstruction.of(in, state, tools);
            case "WORKDIR" -> WorkdirInstruction.of(in, state, tools);
            case "USER" -> UserInstruction.of(in, state, tools);
            case "EXPOSE" -> ExposeInstruction.of(in, state, tools);
            case "LABEL" -> LabelInstruction.of(in, state, tools);
            case "VOLUME" -> VolumeInstruction.of(in, state, tools);
            case "CMD", "ENTRYPOINT" -> CommandInstruction.of(in, state);
            case "SHELL" -> ShellInstruction.of(in);
            case "STOPSIGNAL" -> StopSignalInstruction.of(in, state, tools);
            case "MAINTAINER" -> MaintainerInstruction.of(in);
            default -> throw new IllegalStateException("checked before the build: " + in.keyword());
        };
    }

    /** The arguments as words, variables substituted, quotes removed. */
    static List<String> words(Instruction in, Map<String, String> variables, ShellWords words) {
        try {
            return words.words(in.args(), variables);
        } catch (ShellWords.SyntaxError e) {
            throw BuildException.at(in, in.keyword() + ": " + e.getMessage());
        }
    }

    /** The arguments as one word (WORKDIR, USER): substituted, quotes removed, blanks kept. */
    static String word(Instruction in, String text, Map<String, String> variables, ShellWords words) {
        try {
            return words.word(text, variables);
        } catch (ShellWords.SyntaxError e) {
            throw BuildException.at(in, in.keyword() + ": " + e.getMessage());
        }
    }

    /** The exec form's strings with their variables substituted, or the shell form's words. */
    static List<String> execOrWords(Instruction in, Map<String, String> variables, ShellWords words) {
        if (!in.execForm()) return words(in, variables, words);
        List<String> out = new ArrayList<>();
        try {
            for (String s : in.json()) out.add(words.substituteOnly(s, variables));
        } catch (ShellWords.SyntaxError e) {
            throw BuildException.at(in, in.keyword() + ": " + e.getMessage());
        }
        return out;
    }

    /** The words of a line before any substitution: for {@link #check}. */
    static List<String> rawWords(Instruction in) {
        if (in.execForm()) return in.json();
        return in.args().isBlank() ? List.of() : List.of(in.args().strip().split("\\s+"));
    }

    /** {@code NAME=value} pairs (ENV, LABEL), or the old form {@code NAME value with blanks}. */
    static List<String[]> pairs(Instruction in, Map<String, String> variables, ShellWords words) {
        String[] first = in.args().strip().split("\\s+", 2);
        List<String[]> out = new ArrayList<>();
        if (!first[0].contains("=")) {
            // the old form: one name, the rest of the line its value
            if (first.length < 2) {
                throw BuildException.at(in, in.keyword() + " " + first[0] + ": give it a value: " + in.keyword() + " "
                        + first[0] + "=VALUE");
            }
            out.add(new String[] {word(in, first[0], variables, words), word(in, first[1], variables, words)});
            return out;
        }
        for (String w : words(in, variables, words)) {
            int eq = w.indexOf('=');
            if (eq <= 0) {
                throw BuildException.at(in, in.keyword() + ": \"" + w + "\" is not NAME=value (quote a value that has"
                        + " blanks: NAME=\"a b\")");
            }
            out.add(new String[] {w.substring(0, eq), w.substring(eq + 1)});
        }
        return out;
    }
}
