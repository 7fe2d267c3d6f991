package jlab.shell.command;

import java.util.concurrent.Callable;

import jlab.engine.GarbageCollector;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jlab gc}: finds and undoes what a crashed jlab left on the host.
 * (Every jlab that opens the engine does this first, quietly.)
 */
@Command(name = "gc", description = "Find and remove what a crashed jlab left: processes, cgroups, directories, names.")
public final class GcCommand implements Callable<Integer> {
    private final Session session;

    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public GcCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        GarbageCollector.Report report = session.engine().gc();
        if (report.clean()) {
            session.out().println("nothing to clean: no leftover container, cgroup or mount");
        } else {
            report.removed().forEach(line -> session.out().println("removed " + line));
        }
        return 0;
    }
}
