package jlab.shell.command;

import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import jlab.engine.running.LiveContainer;
import jlab.engine.running.Top;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jlab top}: a container's processes, from its cgroup, with their pids on the host and inside. */
@Command(name = "top", description = "Show the processes of a running container (host pid and pid inside).")
public final class TopCommand implements Callable<Integer> {
    private final Session session;

    @Parameters(paramLabel = "CONTAINER", description = "Name, id, or unique id prefix.") String container;
    @Option(names = "--json", description = "Print JSON.") boolean json;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public TopCommand(Session session) { this.session = session; }

    @Override
    public Integer call() throws Exception {
        List<Top.Process> processes = new Top().processes(LiveContainer.find(session.engine(), container));
        if (json) {
            session.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(processes));
            return 0;
        }
        String format = "%-8s  %-8s  %-8s  %-10s  %-8s  %s%n";
        session.out().printf(format, "USER", "PID", "PPID", "PID INSIDE", "TIME", "CMD");
        for (Top.Process p : processes) {
            session.out().printf(format, p.user(), p.pid(), p.ppid(), p.pidInside(), p.time(), p.command());
        }
        return 0;
    }
}
