package jlab.shell.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;

import jlab.engine.running.LiveContainer;
import jlab.engine.running.Stats;
import jlab.engine.state.ContainerRecord;
import jlab.kernel.syscall.Syscalls;
import jlab.shell.Session;
import jlab.shell.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jlab stats}: CPU, memory and pids of running containers, from their cgroups; refreshed each second. */
@Command(name = "stats", description = "Show CPU, memory and pids of running containers, each second until Ctrl-C.")
public final class StatsCommand implements Callable<Integer> {
    /** --no-stream measures CPU over this much time (it is a rate: two reads are needed). */
    private static final long ONCE_MILLIS = 500;
    private static final long REFRESH_MILLIS = 1000;

    private final Session session;

    @Parameters(paramLabel = "CONTAINER", arity = "0..*", description = "Name, id, or unique id prefix (default: every running one).") List<String> containers = new ArrayList<>();
    @Option(names = "--no-stream", description = "Print once and exit.") boolean noStream;
    @Option(names = "--json", description = "Print JSON (one array per refresh).") boolean json;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public StatsCommand(Session session) { this.session = session; }

    @Override
    public Integer call() throws Exception {
        List<LiveContainer> targets = new ArrayList<>();
        if (containers.isEmpty()) {
            for (ContainerRecord r : session.engine().ps(false)) targets.add(LiveContainer.of(session.engine(), r));
        } else {
            for (String c : containers) targets.add(LiveContainer.find(session.engine(), c).requireRunning());
        }
        Stats stats = new Stats();
        boolean clear = !noStream && !json && Syscalls.get().isatty(1);
        do {
            List<Stats.Sample> samples = stats.sample(targets, noStream ? ONCE_MILLIS : REFRESH_MILLIS);
            if (clear) session.out().print("\033[2J\033[H"); // clear the screen, cursor home: a live table
            print(samples);
            session.out().flush();
        } while (!noStream && !targets.isEmpty());
        return 0;
    }

    private void print(List<Stats.Sample> samples) throws Exception {
        if (json) {
            session.out().println(new ObjectMapper().writeValueAsString(samples));
            return;
        }
        String format = "%-12s  %-20s  %7s  %-22s  %6s  %5s%n";
        session.out().printf(format, "CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "PIDS");
        for (Stats.Sample s : samples) {
            session.out().printf(Locale.ROOT, format, s.id().substring(0, 12), s.name(),
                    String.format(Locale.ROOT, "%.2f%%", s.cpuPercent()),
                    Sizes.human(s.memoryUsage()) + " / " + Sizes.human(s.memoryLimit()),
                    String.format(Locale.ROOT, "%.2f%%", s.memoryPercent()), s.pids());
        }
    }
}
