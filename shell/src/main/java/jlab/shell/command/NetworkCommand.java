package jlab.shell.command;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;


import jlab.engine.EngineException;
import jlab.engine.network.NetworkConfig;
import jlab.shell.Json;
import jlab.shell.Session;
import jlab.shell.format.GoTemplate;
import jlab.shell.format.InspectFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jlab network create|ls|rm|inspect}: Docker's verbs for bridge networks. */
@Command(name = "network", description = "Manage networks: each user-defined one is a bridge with its own subnet.",
        subcommands = {NetworkCommand.Create.class, NetworkCommand.Ls.class, NetworkCommand.Rm.class, NetworkCommand.Inspect.class})
public final class NetworkCommand implements Runnable {
    private final Session session;

    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public NetworkCommand(Session session) { this.session = session; }

    /** Picocli makes the subcommands; each finds the session through its parent. */
    public static CommandLine commandLine(Session session) {
        NetworkCommand parent = new NetworkCommand(session);
        return new CommandLine(parent, new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == NetworkCommand.class) return cls.cast(parent);
                return CommandLine.defaultFactory().create(cls);
            }
        });
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a network command is missing: create, ls, rm or inspect");
    }

    @Command(name = "create", description = "Create a network: a bridge, a subnet, outbound NAT.")
    static final class Create implements Callable<Integer> {
        @CommandLine.ParentCommand NetworkCommand parent;
        @Option(names = "--subnet", paramLabel = "CIDR", description = "Its subnet (default: a free 10.89.N.0/24).") String subnet;
        @Option(names = "--gateway", paramLabel = "IP", description = "The bridge's address (default: the subnet's first).") String gateway;
        @Option(names = {"-d", "--driver"}, paramLabel = "DRIVER", description = "Only bridge.") String driver = "bridge";
        @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;
        @Parameters(paramLabel = "NAME") String name;

        @Override
        public Integer call() {
            if (!"bridge".equals(driver)) {
                throw new EngineException("plugin \"" + driver + "\" not found: jlab has only the bridge driver", 1);
            }
            NetworkConfig n = parent.session.engine().networks().create(name, subnet, gateway);
            parent.session.out().println(n.id());
            return 0;
        }
    }

    @Command(name = "ls", aliases = "list", description = "List networks.")
    static final class Ls implements Callable<Integer> {
        @CommandLine.ParentCommand NetworkCommand parent;
        @Option(names = "--json", description = "Print JSON.") boolean json;
        @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

        @Override
        public Integer call() throws Exception {
            List<Map<String, String>> rows = parent.session.engine().networks().list();
            if (json) {
                parent.session.out().println(Json.indented().writeValueAsString(rows));
                return 0;
            }
            String fmt = "%-12s  %-16s  %-7s  %-18s  %s%n";
            parent.session.out().printf(fmt, "NETWORK ID", "NAME", "DRIVER", "SUBNET", "BRIDGE");
            for (Map<String, String> r : rows) {
                parent.session.out().printf(fmt, r.get("ID"), r.get("Name"), r.get("Driver"), r.get("Subnet"), r.get("Bridge"));
            }
            return 0;
        }
    }

    @Command(name = "rm", aliases = "remove", description = "Remove networks no container uses.")
    static final class Rm implements Callable<Integer> {
        @CommandLine.ParentCommand NetworkCommand parent;
        @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;
        @Parameters(paramLabel = "NETWORK", arity = "1..*") List<String> names;

        @Override
        public Integer call() {
            int code = 0;
            for (String n : names) {
                try {
                    parent.session.engine().networks().remove(n);
                    parent.session.out().println(n);
                } catch (EngineException e) {
                    parent.session.err().println("jlab: " + e.getMessage());
                    code = e.exitCode();
                }
            }
            return code;
        }
    }

    @Command(name = "inspect", description = "Show a network as JSON: subnet, gateway, bridge, containers.")
    static final class Inspect implements Callable<Integer> {
        @CommandLine.ParentCommand NetworkCommand parent;
        @Option(names = "--json", description = "Print JSON (the default).") boolean json;
        @Option(names = {"-f", "--format"}, paramLabel = "TEMPLATE", description = InspectFormat.HELP) String format;
        @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;
        @Parameters(paramLabel = "NETWORK", arity = "1..*") List<String> names;

        @Override
        public Integer call() throws Exception {
            InspectFormat template = InspectFormat.read(format, parent.session.err());
            if (template.invalid()) return GoTemplate.PARSE_ERROR;
            List<Object> all = new java.util.ArrayList<>();
            for (String n : names) all.add(parent.session.engine().networks().inspect(n));
            if (!template.none()) return template.print(all, parent.session.out(), parent.session.err());
            parent.session.out().println(Json.indented().writeValueAsString(all));
            return 0;
        }
    }
}
