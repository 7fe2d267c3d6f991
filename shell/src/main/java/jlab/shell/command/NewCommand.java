package jlab.shell.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import jlab.engine.ContainerSpec;
import jlab.engine.EngineException;
import jlab.engine.stepmode.Construction;
import jlab.kernel.syscall.Syscalls;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code new NAME}: a container under construction, built one kernel step at a
 * time with {@code step}. Its plan is {@code run}'s; {@code new} applies the
 * first steps (directories, cgroup, the helper process), which then waits,
 * still in the host's namespaces.
 */
@Command(name = "new", sortOptions = false,
        description = "Start building a container step by step: its directories, cgroup and helper process (still in the"
                + " host's namespaces). Then: step, plan, undo, exec CMD, rm -f NAME.",
        customSynopsis = {"new NAME [IMAGE] [OPTIONS] [-- COMMAND [ARG...]]"},
        footer = {"", "IMAGE defaults to busybox; the options are create's; the hostname defaults to NAME.", "",
                "Examples:",
                "  new box                 then: step, unshare uts, hostname box, exec hostname, plan, step --all",
                "  new box busybox --memory 64m -- sh -c 'echo hello from $(hostname)'"})
public final class NewCommand extends ContainerFlags implements Callable<Integer> {
    private final Session session;
    private final StepMode stepMode;

    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;
    @Spec CommandSpec commandSpec;

    public NewCommand(Session session, StepMode stepMode) {
        this.session = session;
        this.stepMode = stepMode;
    }

    @Override
    String verb() { return "new"; }

    @Override
    boolean detached() { return false; }

    @Override
    public Integer call() {
        stepMode.current().ifPresent(c -> {
            throw new EngineException("container " + c.name() + " is under construction already: finish it (step --all)"
                    + " or abandon it (rm -f " + c.name() + ") first");
        });
        List<String> original = commandSpec.commandLine().getParseResult().originalArgs();
        int dashes = original.indexOf("--");
        int commandWords = dashes < 0 ? 0 : original.size() - dashes - 1;
        List<String> before = new ArrayList<>(positional.subList(0, positional.size() - commandWords));
        List<String> command = positional.subList(positional.size() - commandWords, positional.size());
        if (before.isEmpty()) throw new EngineException("\"new\" requires a name: new NAME [IMAGE] [OPTIONS] [-- COMMAND]");
        if (before.size() > 2) {
            throw new EngineException("new " + String.join(" ", before) + ": a command goes after --"
                    + " (new " + before.get(0) + " " + before.get(1) + " -- " + String.join(" ", before.subList(2, before.size())) + ")");
        }
        name = before.get(0);
        if (hostname == null) hostname = name;
        // In a terminal the container's command (the image's sh) reads what the student types, as run -i.
        if (!interactive && command.isEmpty() && Syscalls.get().isatty(0)) interactive = true;
        positional = new ArrayList<>();
        if (rootfs == null) positional.add(before.size() > 1 ? before.get(1) : "busybox");
        positional.addAll(command);
        ContainerSpec spec = spec();
        int total = jlab.engine.plan.RunPlan.forSpec(spec, true).steps().size(); // the plan construct makes
        Construction c = session.engine().construct(spec, new StepPrinter(session.out(), session.colors(), total));
        stepMode.begin(c);
        session.out().println(session.colors().bold(c.name()) + " is under construction: " + c.appliedCount() + " of "
                + c.total() + " steps applied; the helper (pid " + c.build().helper().pid() + ") waits in the host's"
                + " namespaces. Next: " + c.next().map(s -> s.name()).orElse("-") + " (step; plan lists them all)");
        return 0;
    }
}
