package jlab.shell.command;

import java.util.List;
import java.util.concurrent.Callable;

import jlab.engine.view.NamespaceView;
import jlab.engine.view.ViewTarget;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ns [NAME]}: the container's namespaces beside the host's; a differing row is one the container has of its own. */
@Command(name = "ns", description = "Show a container's namespaces (inodes) beside the host's; those that differ are its own.")
public final class NsCommand implements Callable<Integer> {
    private final Session session;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "A running container, or the one under construction (the default).") String name;
    @Option(names = "--json", description = "Print JSON.") boolean json;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public NsCommand(Session session) { this.session = session; }

    @Override
    public Integer call() throws Exception {
        ViewTarget t = ViewTargets.resolve(session, "ns", name);
        List<NamespaceView.Row> rows = new NamespaceView().of(t.pid(), ViewTargets.hostPid());
        if (json) {
            ViewTargets.printJson(session, rows);
            return 0;
        }
        String format = "%-10s %-12s %-12s %s";
        session.out().println(String.format(format, "NAMESPACE", "CONTAINER", "HOST", "").stripTrailing());
        for (NamespaceView.Row r : rows) {
            String mark = r.differs() ? "differs" : "same";
            if (r.forChildren() != 0) mark += " (" + r.kind() + "_for_children: " + r.forChildren() + ")";
            String line = String.format(format, r.kind(), r.container() == 0 ? "-" : r.container(), r.host(), mark);
            session.out().println(r.differs() ? session.colors().yellow(line) : line);
        }
        ViewTargets.hint(session, "readlink /proc/" + t.pid() + "/ns/uts /proc/self/ns/uts");
        return 0;
    }
}
