package jlab.engine.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jlab.engine.ContainerSpec;
import jlab.engine.EngineException;
import jlab.engine.RunResult;
import jlab.engine.image.ContainerChanges;
import jlab.engine.image.Descriptor;
import jlab.engine.image.Image;
import jlab.engine.plan.StepListener;
import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Step;

/**
 * {@code RUN command}: runs the command in a container of the image so far — by the engine's own
 * {@code run --rm}, the same plan of steps — with the image's ENV, WORKDIR and USER and the ARGs in
 * scope, its output shown as it comes. What the command changed is its container's upper
 * directory; {@link ContainerChanges} makes it the new layer (a deleted file becomes a whiteout,
 * {@code .wh.NAME}), and then the container is removed.
 *
 * <p>The image's ENTRYPOINT is not used (RUN runs its own command, as Docker's does). A command that
 * fails fails the build with Docker's line, {@code The command '/bin/sh -c false' returned a
 * non-zero code: 1}, and leaves no layer.
 */
final class RunInstruction implements BuildStep {
    private final Instruction in;
    private final List<String> command;
    private final Map<String, String> args;

    private RunInstruction(Instruction in, List<String> command, Map<String, String> args) {
        this.in = in;
        this.command = command;
        this.args = args;
    }

    static void check(Instruction in) {
        if (!in.flags().isEmpty()) {
            String flag = in.flags().keySet().iterator().next();
            throw BuildException.at(in, "RUN --" + flag + " is not supported by jlab (a BuildKit feature): remove it");
        }
        if (in.execForm() ? in.json().isEmpty() : in.args().isBlank()) {
            throw BuildException.at(in, "RUN needs a command: RUN command line, or RUN [\"executable\", \"arg\"]");
        }
    }

    static RunInstruction of(Instruction in, BuildState state) {
        List<String> command = in.execForm() ? in.json() : CommandInstruction.shellForm(state, in.args());
        return new RunInstruction(in, command, state.argValues());
    }

    /** Docker's: the command, after "|N NAME=value ..." when ARGs with values are in scope. */
    @Override
    public String createdBy() {
        String line = String.join(" ", command);
        if (args.isEmpty()) return line;
        StringBuilder prefix = new StringBuilder("|").append(args.size());
        args.forEach((k, v) -> prefix.append(' ').append(k).append('=').append(v));
        return prefix + " " + line;
    }

    @Override
    public Change make(BuildState state, BuildTools tools) {
        if (state.image() == null) {
            throw BuildException.at(in, "RUN on an empty image (FROM scratch): there is no program to run in it; COPY"
                    + " one first");
        }
        Image image = tools.image(state);
        Image withoutEntrypoint = new Image(image.name(), image.id(), image.layers(),
                image.settings().withEntrypoint(null).withCmd(null));
        List<String> env = new ArrayList<>();
        args.forEach((k, v) -> {
            if (!state.hasEnv(k)) env.add(k + "=" + v); // ENV wins over an ARG of the same name
        });
        ContainerSpec spec = ContainerSpec.builder().image(state.imageId()).command(command).env(env).remove(true)
                .network(tools.options().network()).build();
        Path output = tools.scratchFile("run-output");
        String[] container = new String[1];
        StepListener listener = announcing(tools, container);
        Outcome outcome;
        try (RunOutput shown = new RunOutput(output, tools.progress().raw())) {
            outcome = tools.engine().runBuildStep(spec, withoutEntrypoint, output, listener, (result, upper) -> commit(result,
                    upper, image, tools));
        } catch (BuildException e) {
            throw e;
        } catch (EngineException e) {
            throw new BuildException("The command '" + String.join(" ", command) + "' could not run: " + e.getMessage(), e);
        } finally {
            if (container[0] != null) tools.progress().removing(container[0]);
        }
        if (outcome.exitCode() != 0) {
            throw new BuildException("The command '" + String.join(" ", command) + "' returned a non-zero code: "
                    + outcome.exitCode());
        }
        return new Change(outcome.layer(), state.settings());
    }

    private record Outcome(int exitCode, Descriptor layer) {}

    /** After the command exited, before its container is removed: its upper directory, as a layer, if it succeeded. */
    private static Outcome commit(RunResult result, Path upper, Image image, BuildTools tools) {
        if (result.exitCode() != 0) return new Outcome(result.exitCode(), null);
        return new Outcome(0, new ContainerChanges(upper, image).writeLayer(tools.store(), tools.lease()));
    }

    /** The build's listener, which says " ---> Running in ID" once the container has its id. */
    private static StepListener announcing(BuildTools tools, String[] container) {
        StepListener inner = tools.listener();
        return new StepListener() {
            @Override
            public void before(int index, Step step, ContainerBuild build) {
                if (container[0] == null) {
                    container[0] = build.shortId();
                    tools.progress().runningIn(container[0]);
                }
                inner.before(index, step, build);
            }

            @Override
            public void after(int index, Step step, ContainerBuild build, long nanos) { inner.after(index, step, build, nanos); }

            @Override
            public void started(ContainerBuild build) { inner.started(build); }
        };
    }
}
