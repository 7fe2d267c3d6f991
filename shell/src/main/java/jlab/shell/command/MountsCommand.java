package jlab.shell.command;

import java.util.List;
import java.util.concurrent.Callable;

import jlab.engine.view.MountsView;
import jlab.engine.view.ViewTarget;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mounts [NAME]}: the mount table as the container sees it; "new" marks mounts the host does not have. */
@Command(name = "mounts", description = "Show a container's mount table as it sees it; 'new' marks mounts the host does not have.")
public final class MountsCommand implements Callable<Integer> {
    private final Session session;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "A running container, or the one under construction (the default).") String name;
    @Option(names = "--json", description = "Print JSON.") boolean json;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public MountsCommand(Session session) { this.session = session; }

    @Override
    public Integer call() throws Exception {
        ViewTarget t = ViewTargets.resolve(session, "mounts", name);
        List<MountsView.Row> rows = new MountsView().of(t.pid(), ViewTargets.hostPid());
        if (json) {
            ViewTargets.printJson(session, rows);
            return 0;
        }
        String format = "%-28s %-10s %-14s %-30s %s";
        session.out().println(String.format(format, "MOUNT POINT", "TYPE", "SOURCE", "OPTIONS", "").stripTrailing());
        for (MountsView.Row r : rows) {
            String line = String.format(format, r.mountPoint(), r.fsType(), r.source(), r.options(),
                    r.newHere() ? "new" : "").stripTrailing();
            session.out().println(r.newHere() ? session.colors().yellow(line) : line);
        }
        ViewTargets.hint(session, "cat /proc/" + t.pid() + "/mountinfo");
        return 0;
    }
}
