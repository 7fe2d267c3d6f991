package jlab.shell.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import jlab.engine.EngineException;
import jlab.engine.RunResult;
import jlab.engine.step.Step;
import jlab.engine.stepmode.Construction;
import jlab.engine.stepmode.StepWords;
import jlab.kernel.KernelException;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code step}: applies the next step of the container under construction, or
 * a named one ({@code step unshare uts}, {@code step hostname box},
 * {@code step cgroup memory 64m}), or every step up to one ({@code --to}) or to
 * the end ({@code --all}: the command then runs in the foreground, as with run).
 */
@Command(name = "step", sortOptions = false,
        description = "Apply the next step of the container under construction, or a named one.",
        customSynopsis = {"step", "step NAME [ARGS]", "step --to NAME", "step --all"},
        footer = {"", "While a container is under construction, a step's name typed alone is a step:",
                "  unshare uts    hostname box    mount proc    pivot-root    cgroup memory 64m    veth", "",
                "A step out of order is refused with the step it needs first, and why."})
public final class StepCommand implements Callable<Integer> {
    private final Session session;
    private final StepMode stepMode;

    @Option(names = "--to", description = "Every step up to and including NAME.") boolean to;
    @Option(names = "--all", description = "Every remaining step; the command then runs, and jlab waits for it.") boolean all;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;
    @Parameters(paramLabel = "NAME", arity = "0..*", description = "A step: unshare uts, hostname NAME, cgroup memory 64m...")
    List<String> words = new ArrayList<>();

    public StepCommand(Session session, StepMode stepMode) {
        this.session = session;
        this.stepMode = stepMode;
    }

    @Override
    public Integer call() {
        Construction c = stepMode.require();
        List<String> typed = split(words);
        if (all && (to || !typed.isEmpty())) throw new EngineException("step --all takes no step name (step --to NAME stops at one)");
        if (to && typed.isEmpty()) throw new EngineException("step --to needs a step name: step --to pivot-root");
        if (all || to) {
            Step last = all ? null : StepWords.resolve(c, typed);
            if (last != null && !c.steps().contains(last)) throw new EngineException("step --to takes a step of the plan, not '" + last.name() + "'");
            while (!c.ended()) {
                Step s = c.next().orElseThrow();
                Optional<Integer> exit = apply(c, s);
                if (exit.isPresent()) return exit.get();
                if (s == last) break;
            }
            return 0;
        }
        Step s = typed.isEmpty() ? c.next().orElseThrow() : StepWords.resolve(c, typed);
        return apply(c, s).orElse(0);
    }

    /** "--to 'mount proc'" and "--to mount proc" alike: the words, split on spaces. */
    private static List<String> split(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) for (String part : w.strip().split("\\s+")) if (!part.isEmpty()) out.add(part);
        return out;
    }

    /** Applies one step; for exec, the command's exit code once it has run and the container is torn down. */
    private Optional<Integer> apply(Construction c, Step s) {
        Optional<RunResult> result;
        try (SignalForwarder forwarder = new SignalForwarder()) {
            result = c.apply(s, forwarder.around(new StepPrinter(session.out(), session.colors(), c.total())));
        } catch (KernelException e) {
            throw new EngineException("'" + s.name() + "' refused by the kernel: " + KernelAdvice.refusal(e)
                    + " The container is as it was before this step.",
                    EngineException.ENGINE_ERROR, e);
        }
        if (result.isEmpty()) return Optional.empty();
        RunResult r = result.get();
        stepMode.current(); // ended: the prompt loses its context
        session.out().println(session.colors().bold(r.name()) + ": its command exited with code " + r.exitCode()
                + (r.oomKilled() ? " (killed by the kernel's OOM killer)" : "") + "; the container is torn down"
                + (c.build().spec().remove() ? " and removed." : " (ps -a shows it; rm " + r.name() + " removes it)."));
        return Optional.of(r.exitCode());
    }
}
