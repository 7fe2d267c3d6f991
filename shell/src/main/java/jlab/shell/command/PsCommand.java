package jlab.shell.command;

import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import jlab.engine.running.LiveContainer;
import jlab.engine.state.ContainerRecord;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jlab ps}: the containers jlab knows. */
@Command(name = "ps", description = "List containers (running ones; -a: all).", mixinStandardHelpOptions = false)
public final class PsCommand implements Callable<Integer> {
    private final Session session;

    @Option(names = {"-a", "--all"}, description = "Show all containers, also exited ones.") boolean all;
    @Option(names = "--json", description = "Print JSON.") boolean json;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public PsCommand(Session session) { this.session = session; }

    @Override
    public Integer call() throws Exception {
        List<ContainerRecord> list = session.engine().ps(all);
        if (json) {
            session.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(list));
            return 0;
        }
        session.out().printf("%-12s  %-10s  %-24s  %-16s  %s%n", "CONTAINER ID", "IMAGE", "COMMAND", "STATUS", "NAMES");
        for (ContainerRecord r : list) {
            String cmd = "\"" + String.join(" ", r.command()) + "\"";
            if (cmd.length() > 24) cmd = cmd.substring(0, 22) + "…\"";
            String status = ContainerRecord.EXITED.equals(r.status()) ? "Exited (" + r.exitCode() + ")"
                    : LiveContainer.of(session.engine(), r).paused() ? "Up (Paused)" : "Up";
            String image = r.image().length() > 10 ? "…" + r.image().substring(r.image().length() - 9) : r.image();
            session.out().printf("%-12s  %-10s  %-24s  %-16s  %s%n", r.shortId(), image, cmd, status, r.name());
        }
        return 0;
    }
}
