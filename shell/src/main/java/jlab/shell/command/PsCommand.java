package jlab.shell.command;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.type.TypeReference;

import jlab.engine.lifecycle.ContainerStatus;
import jlab.engine.network.Endpoint;
import jlab.engine.network.PortMapping;
import jlab.engine.running.LiveContainer;
import jlab.engine.state.ContainerRecord;
import jlab.engine.view.ProcessTree;
import jlab.engine.view.ViewTarget;
import jlab.shell.Json;
import jlab.shell.Session;
import jlab.shell.format.GoTemplate;
import jlab.shell.format.ListFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jlab ps}: the containers jlab knows, with Docker's STATUS column:
 * "Up 3 seconds", "Exited (1) 2 seconds ago", "Restarting (1) 1 second ago", "Created".
 * A detached container's state is read from state.json and its exit file, so
 * any jlab process sees the same.
 */
@Command(name = "ps", description = "List containers (running ones; -a: all); ps NAME: that container's process tree.", mixinStandardHelpOptions = false)
public final class PsCommand implements Callable<Integer> {

    private final Session session;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "Show this container's processes as a tree, with host pid and pid inside.") String name;
    @Option(names = {"-a", "--all"}, description = "Show all containers, also exited ones.") boolean all;
    @Option(names = "--json", description = "Print JSON: one array of the containers' records, with their state.") boolean json;
    @Option(names = "--format", paramLabel = "FORMAT", description = "As docker ps --format: json (a JSON object per line),"
            + " a Go template ('{{.Names}} {{.Status}}'), or table TEMPLATE ('table {{.ID}}\\t{{.Names}}'): a header and aligned columns.")
    String format;
    @Option(names = {"-q", "--quiet"}, description = "Only the IDs: jlab rm -f $(jlab ps -aq).") boolean quiet;
    @Option(names = "--no-trunc", description = "Whole IDs and commands.") boolean noTrunc;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    /** Docker's column titles of the keys a row has, for {@code --format table}. */
    private static final Map<String, String> HEADERS = Map.ofEntries(Map.entry("Command", "COMMAND"),
            Map.entry("CreatedAt", "CREATED AT"), Map.entry("ID", "CONTAINER ID"), Map.entry("Image", "IMAGE"), Map.entry("Names", "NAMES"),
            Map.entry("Ports", "PORTS"), Map.entry("RestartCount", "RESTARTS"), Map.entry("RunningFor", "CREATED"),
            Map.entry("State", "STATE"), Map.entry("Status", "STATUS"));
    private static final String DEFAULT_TABLE = "{{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

    public PsCommand(Session session) { this.session = session; }

    @Override
    public Integer call() throws Exception {
        ListFormat rowFormat = ListFormat.read(format, HEADERS, DEFAULT_TABLE, session.err());
        if (rowFormat == null) return GoTemplate.PARSE_ERROR;
        if (name != null) return tree();
        List<ContainerRecord> list = session.engine().ps(all);
        long now = System.currentTimeMillis();
        if (json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (ContainerRecord r : list) {
                Map<String, Object> m = Json.compact().convertValue(r, new TypeReference<LinkedHashMap<String, Object>>() {});
                ContainerStatus s = session.engine().status(r);
                m.put("state", s.state());
                m.put("exitCode", s.exitCode());
                m.put("statusText", statusText(r, s, now));
                out.add(m);
            }
            session.out().println(Json.indented().writeValueAsString(out));
            return 0;
        }
        if (quiet && ListFormat.isDefault(format)) { // a template of one's own wins over -q, as in Docker
            for (ContainerRecord r : list) session.out().println(noTrunc ? r.id() : r.shortId());
            return 0;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ContainerRecord r : list) rows.add(row(r, now));
        return rowFormat.print(rows, session.out(), session.err());
    }

    /** A container as Docker's ps formatter shows it: the keys of {@code --format}, and the default table's cells. */
    private Map<String, Object> row(ContainerRecord r, long now) {
        ContainerStatus s = session.engine().status(r);
        String command = String.join(" ", r.command());
        // Docker cuts the command at 20 characters (the last one "…"), then quotes it
        if (!noTrunc && command.length() > 20) command = command.substring(0, 19) + "…";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Command", "\"" + command + "\"");
        m.put("CreatedAt", Instant.ofEpochMilli(r.created()).toString());
        m.put("ID", noTrunc ? r.id() : r.shortId());
        m.put("Image", r.image());
        m.put("Names", r.name());
        m.put("Ports", ports(r, s));
        m.put("RestartCount", r.restartCount());
        m.put("RunningFor", DockerTime.human(now - r.created()) + " ago");
        m.put("State", s.state());
        m.put("Status", statusText(r, s, now));
        return m;
    }

    /** PORTS: {@code 0.0.0.0:8080->80/tcp}, of a running container (a stopped one's were released). */
    private String ports(ContainerRecord r, ContainerStatus s) {
        if (!s.state().equals(ContainerRecord.RUNNING)) return "";
        return Endpoint.load(session.engine().stateDir().container(r.id()))
                .map(e -> String.join(", ", e.ports().stream().map(PortMapping::published).toList())).orElse("");
    }

    /** {@code ps NAME}: the container's processes as a tree, with their pid on the host and inside. */
    private int tree() throws Exception {
        ViewTarget t = ViewTargets.resolve(session, "ps", name);
        List<ProcessTree.Node> nodes = new ProcessTree().of(t.pid(), ProcessHandle.current().pid());
        if (json) {
            ViewTargets.printJson(session, nodes);
            return 0;
        }
        session.out().printf("%-8s  %-10s  %s%n", "PID", "PID INSIDE", "COMMAND");
        for (ProcessTree.Node n : nodes) {
            String indent = n.depth() == 0 ? "" : "  ".repeat(n.depth() - 1) + "└─ ";
            session.out().printf("%-8d  %-10d  %s%n", n.pid(), n.pidInside(), indent + n.command());
        }
        ViewTargets.hint(session, "grep NSpid /proc/" + t.pid() + "/status; ps -o pid,ppid,args --ppid " + t.pid());
        return 0;
    }

    /** Docker's STATUS: "Up 3 seconds", "Up 3 seconds (Paused)" (its cgroup frozen), "Exited (1) 2 seconds ago". */
    private String statusText(ContainerRecord r, ContainerStatus s, long now) {
        String ago = DockerTime.human(Math.max(0, now - s.since()));
        return switch (s.state()) {
            case ContainerRecord.RUNNING -> "Up " + ago + (LiveContainer.of(session.engine(), r).paused() ? " (Paused)" : "");
            case ContainerRecord.RESTARTING -> "Restarting (" + s.exitCode() + ") " + ago + " ago";
            case ContainerRecord.EXITED -> "Exited (" + s.exitCode() + ") " + ago + " ago";
            default -> "Created";
        };
    }
}
