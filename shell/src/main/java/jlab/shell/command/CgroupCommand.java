package jlab.shell.command;

import java.util.Map;
import java.util.concurrent.Callable;

import jlab.engine.EngineException;
import jlab.engine.view.CgroupView;
import jlab.engine.view.ViewTarget;
import jlab.kernel.cgroup.Cgroup;
import jlab.kernel.cgroup.CgroupStats;
import jlab.shell.Session;
import jlab.shell.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cgroup [NAME]}: the container's cgroup, its limits and what the
 * kernel counts live. (With two arguments, {@code cgroup memory 64m} is a
 * step of step mode, which runs before this command when a construction is focused.)
 */
@Command(name = "cgroup", description = "Show a container's cgroup: its limits and live usage (memory, CPU, pids, OOM kills).")
public final class CgroupCommand implements Callable<Integer> {
    private final Session session;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "A running container, or the one under construction (the default).") String name;
    @Option(names = "--json", description = "Print JSON.") boolean json;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public CgroupCommand(Session session) { this.session = session; }

    @Override
    public Integer call() throws Exception {
        ViewTarget t = ViewTargets.resolve(session, "cgroup", name);
        if (t.cgroup() == null) {
            throw new EngineException("cgroup: " + t.name() + " has no cgroup yet (the cgroup step makes it)");
        }
        Cgroup cg = session.engine().cgroups().open(t.cgroup())
                .orElseThrow(() -> new EngineException("cgroup: " + t.cgroup() + " is gone (jlab gc cleans up)"));
        CgroupView v = CgroupView.of(cg, session.engine().cgroups().version());
        if (json) {
            ViewTargets.printJson(session, v);
            return 0;
        }
        session.out().println("cgroup " + v.version() + "  " + v.path() + "  (" + v.directory() + ")");
        session.out().println(session.colors().bold("LIMITS"));
        for (Map.Entry<String, String> e : v.limits().entrySet()) {
            String value = readable(e.getValue());
            String line = String.format("  %-34s %s", e.getKey(), value);
            session.out().println(value.equals("no limit") ? line : session.colors().yellow(line));
        }
        CgroupStats s = v.usage();
        session.out().println(session.colors().bold("USAGE"));
        session.out().printf("  %-34s %s%n", "memory now", Sizes.human(s.memoryCurrent()));
        if (s.memoryPeak() != null) session.out().printf("  %-34s %s%n", "memory peak", Sizes.human(s.memoryPeak()));
        session.out().printf("  %-34s %.3f s%n", "cpu time", s.cpuUsageNanos() / 1e9);
        session.out().printf("  %-34s %d%n", "pids now", s.pidsCurrent());
        session.out().printf("  %-34s %d%n", "oom kills", s.oomKills());
        ViewTargets.hint(session, "cat /proc/" + t.pid() + "/cgroup; ls " + v.directory());
        return 0;
    }

    /** "67108864" as "64 MiB (67108864)"; "max" and v1's near-2^63 "no limit" as "no limit". */
    private static String readable(String value) {
        if (value.equals("max") || value.equals("-1")) return "no limit";
        if (value.matches("\\d+")) {
            long n = Long.parseLong(value);
            if (n > Long.MAX_VALUE / 2) return "no limit";
            if (n >= 1024 * 1024) return Sizes.human(n) + " (" + n + ")";
        }
        return value;
    }
}
