package jlab.shell.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;

import jlab.engine.EngineException;
import jlab.engine.volume.Volume;
import jlab.shell.Json;
import jlab.shell.Session;
import jlab.shell.format.GoTemplate;
import jlab.shell.format.InspectFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jlab volume create|ls|inspect|rm}: named volumes, directories jlab keeps under its state directory
 * ({@code volumes/NAME/_data}), as Docker's local driver does.
 */
@Command(name = "volume", description = "Manage volumes: directories that outlive containers (create, ls, inspect, rm).",
        synopsisSubcommandLabel = "COMMAND")
public final class VolumeCommand implements Callable<Integer> {

    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    /** The command and its four subcommands, for the Cli to register in one line. */
    public static CommandLine commandLine(Session session) {
        CommandLine cl = new CommandLine(new VolumeCommand());
        cl.addSubcommand(new Create(session));
        cl.addSubcommand(new Ls(session));
        cl.addSubcommand(new Inspect(session));
        cl.addSubcommand(new Rm(session));
        cl.addSubcommand(new Prune(session));
        return cl;
    }

    @Override
    public Integer call() {
        throw new EngineException("\"jlab volume\" needs a command: create, ls, inspect, rm or prune (try: jlab volume --help)");
    }

    static String json(Object o) {
        try {
            return Json.indented().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Command(name = "create", description = "Create a volume (a random name without NAME); an existing one is kept as it is.")
    static final class Create implements Callable<Integer> {
        private final Session session;
        @Parameters(paramLabel = "NAME", arity = "0..1") String name;
        @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

        Create(Session session) { this.session = session; }

        @Override
        public Integer call() {
            try {
                session.out().println(session.engine().volumes().create(name));
                return 0;
            } catch (EngineException e) { // Docker's volume commands exit 1 on the daemon's refusal (125 is run's)
                session.err().println("jlab: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "ls", aliases = "list", description = "List volumes.")
    static final class Ls implements Callable<Integer> {
        private final Session session;
        @Option(names = "--json", description = "Print JSON.") boolean json;
        @Option(names = {"-q", "--quiet"}, description = "Only the names.") boolean quiet;
        @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

        Ls(Session session) { this.session = session; }

        @Override
        public Integer call() {
            List<Volume> volumes = session.engine().volumes().list();
            if (json) {
                session.out().println(json(volumes));
            } else if (quiet) {
                volumes.forEach(v -> session.out().println(v.name()));
            } else {
                session.out().printf("%-8s  %s%n", "DRIVER", "VOLUME NAME");
                volumes.forEach(v -> session.out().printf("%-8s  %s%n", v.driver(), v.name()));
            }
            return 0;
        }
    }

    @Command(name = "inspect", description = "Show volumes as JSON, with Docker's keys (Name, Mountpoint, CreatedAt...) and the containers using them.")
    static final class Inspect implements Callable<Integer> {
        private final Session session;
        @Parameters(paramLabel = "NAME", arity = "1..*") List<String> names;
        @Option(names = "--json", description = "Print JSON (the default).") boolean json;
        @Option(names = {"-f", "--format"}, paramLabel = "TEMPLATE", description = InspectFormat.HELP) String format;
        @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

        Inspect(Session session) { this.session = session; }

        @Override
        public Integer call() {
            InspectFormat template = InspectFormat.read(format, session.err());
            if (template.invalid()) return GoTemplate.PARSE_ERROR;
            List<Volume> found = new ArrayList<>();
            int code = 0;
            for (String n : names) {
                try {
                    found.add(session.engine().volumes().inspect(n));
                } catch (EngineException e) {
                    session.err().println("jlab: " + e.getMessage());
                    code = 1;
                }
            }
            if (template.none()) session.out().println(json(found));
            else code = Math.max(code, template.print(found, session.out(), session.err()));
            return code;
        }
    }

    @Command(name = "rm", aliases = "remove", description = "Remove volumes and their data (not one a container uses).")
    static final class Rm implements Callable<Integer> {
        private final Session session;
        @Parameters(paramLabel = "NAME", arity = "1..*") List<String> names;
        @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

        Rm(Session session) { this.session = session; }

        @Override
        public Integer call() {
            int code = 0;
            for (String n : names) {
                try {
                    session.engine().volumes().remove(n);
                    session.out().println(n);
                } catch (EngineException e) {
                    session.err().println("jlab: " + e.getMessage());
                    code = 1;
                }
            }
            return code;
        }
    }

    @Command(name = "prune", description = "Remove the anonymous volumes no container uses (-a: every unused volume).")
    static final class Prune implements Callable<Integer> {
        private final Session session;
        @Option(names = {"-a", "--all"}, description = "Named volumes too.") boolean all;
        @Option(names = {"-f", "--force"}, description = "Accepted, as Docker's (jlab does not ask).") boolean force;
        @Option(names = "--json", description = "Print the names removed as JSON.") boolean json;
        @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

        Prune(Session session) { this.session = session; }

        @Override
        public Integer call() {
            List<String> removed = session.engine().volumes().prune(all);
            if (json) {
                session.out().println(json(removed));
            } else if (!removed.isEmpty()) {
                session.out().println("Deleted Volumes:");
                removed.forEach(session.out()::println);
            }
            return 0;
        }
    }
}
