package jlab.shell.command;

import java.util.concurrent.Callable;

import jlab.engine.ContainerSpec;
import jlab.engine.Engine;
import jlab.engine.RunResult;
import jlab.engine.network.PortMapping;
import jlab.engine.plan.StepListener;
import jlab.engine.state.ContainerRecord;
import jlab.shell.Session;
import jlab.shell.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jlab run}: Docker's verb and flags, on jlab's own engine. */
@Command(name = "run", sortOptions = false,
        description = "Run a command in a new container: in the foreground, exiting with its exit code; with -d, in the"
                + " background (prints its id).",
        customSynopsis = {"jlab run [OPTIONS] IMAGE [COMMAND] [ARG...]", "jlab run [OPTIONS] --rootfs DIR COMMAND [ARG...]"},
        footer = {"", "Examples:",
                "  jlab run --rm --hostname box busybox sh -c 'hostname; echo $$'",
                "  jlab run --rm --memory 32m --pids-limit 20 busybox sh",
                "  jlab run --rm -v /srv/site:/www:ro -v data:/data --tmpfs /scratch:size=64m busybox ls /www",
                "  jlab run -d --name web --restart on-failure:3 busybox httpd -f -p 80",
                "  jlab run --rm --explain busybox true      # every step, nothing run"})
public final class RunCommand extends ContainerFlags implements Callable<Integer> {
    private final Session session;

    @Option(names = {"-d", "--detach"}, description = "Run in the background, under a supervisor of its own; print its id.") boolean detach;
    @Option(names = "--explain", description = "Print every step (syscall, shell command, what to look at) and run nothing.") boolean explain;
    @Option(names = "--trace", description = "Print each step as it runs, with its time.") boolean trace;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public RunCommand(Session session) { this.session = session; }

    @Override
    String verb() { return "run"; }

    @Override
    boolean detached() { return detach; }

    @Override
    public Integer call() {
        ContainerSpec spec = spec();
        if (explain) {
            Engine.Prepared p = session.engine().explain(spec);
            new PlanPrinter(session.out()).explain(p.build(), p.plan());
            return 0;
        }
        StepListener listener = trace ? new TraceListener(session.err()) : StepListener.NONE;
        session.out().flush();
        if (detach) {
            ContainerRecord r = session.engine().runDetached(spec, listener);
            session.startedHere(r.id()); // leaving the prompt offers to stop it
            session.out().println(r.id());
            return 0;
        }
        RunResult result;
        try (SignalForwarder forwarder = new SignalForwarder()) {
            result = session.engine().run(spec, forwarder.around(listener));
        }
        if (result.oomKilled()) {
            // Without --memory it can still happen: the host ran out, and the kernel chose a process of the container.
            String why = memory != null ? "it used all of its memory limit (--memory " + Sizes.human(memory) + ")"
                    : "the host ran out of memory";
            session.err().println("jlab: container " + result.name() + " was killed by the kernel's OOM killer: " + why);
        }
        return result.exitCode();
    }
}
