package jlab.engine.build;

import java.util.ArrayList;
import java.util.List;

import jlab.engine.image.ImageConfig;

/**
 * {@code CMD} and {@code ENTRYPOINT}: what a container of the image runs. The exec form
 * {@code ["httpd", "-f"]} is taken as it is; the shell form {@code CMD echo $HOME} becomes
 * {@code ["/bin/sh", "-c", "echo $HOME"]} (or the SHELL given), so the shell expands it when the
 * container runs — the build substitutes nothing here. An ENTRYPOINT clears the CMD inherited from
 * the base image (not one given in this stage before it), as Docker does.
 */
final class CommandInstruction implements ConfigStep {
    private final String keyword;
    private final List<String> command;

    private CommandInstruction(String keyword, List<String> command) {
        this.keyword = keyword;
        this.command = command;
    }

    static void check(Instruction in) {
        if (!in.execForm() && in.args().isBlank()) {
            throw BuildException.at(in, in.keyword() + " needs a command: " + in.keyword() + " [\"executable\", \"arg\"]"
                    + " or " + in.keyword() + " command line");
        }
    }

    static CommandInstruction of(Instruction in, BuildState state) {
        List<String> command = in.execForm() ? in.json() : shellForm(state, in.args());
        return new CommandInstruction(in.keyword(), command);
    }

    static List<String> shellForm(BuildState state, String line) {
        List<String> c = new ArrayList<>(state.shell());
        c.add(line);
        return c;
    }

    @Override
    public void declare(BuildState state) {
        if (keyword.equals("CMD")) state.cmdSet(true);
    }

    @Override
    public String createdBy() { return BuildStep.nop(keyword + " " + Json.array(command)); }

    @Override
    public Change make(BuildState state, BuildTools tools) {
        ImageConfig.Settings s = state.settings();
        if (keyword.equals("CMD")) return Change.configOnly(s.withCmd(command));
        s = s.withEntrypoint(command);
        if (!state.cmdSet()) s = s.withCmd(null);
        return Change.configOnly(s);
    }
}
