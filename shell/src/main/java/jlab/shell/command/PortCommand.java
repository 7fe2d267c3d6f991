package jlab.shell.command;

import java.util.List;
import java.util.concurrent.Callable;

import jlab.engine.EngineException;
import jlab.engine.network.Endpoint;
import jlab.engine.network.PortMapping;
import jlab.engine.running.LiveContainer;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jlab port}: a running container's published ports, as {@code docker port}. They are what
 * {@code -p} and {@code -P} asked for and the container's network.json records; the DNAT rules
 * that make them work are in {@code iptables -t nat -S} (or {@code nft list table ip jlab}).
 */
@Command(name = "port", description = "List a container's published ports: 80/tcp -> 0.0.0.0:8080 (PORT: only that one).")
public final class PortCommand implements Callable<Integer> {
    private final Session session;

    @Parameters(index = "0", paramLabel = "CONTAINER", description = "Name, id, or unique id prefix.") String container;
    @Parameters(index = "1", arity = "0..1", paramLabel = "PORT[/PROTO]", description = "Only this port of the container (tcp if no protocol).")
    String port;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public PortCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        LiveContainer c = LiveContainer.find(session.engine(), container);
        if (port != null && !port.matches("\\d{1,5}(/(tcp|udp|sctp))?")) {
            throw new EngineException("invalid port \"" + port + "\": PORT or PORT/PROTOCOL, as 80 or 53/udp", LiveContainer.REFUSED);
        }
        List<PortMapping> published = !c.running() ? List.of()
                : Endpoint.load(session.engine().stateDir().container(c.record().id())).map(Endpoint::ports).orElse(List.of()).stream()
                        .sorted(java.util.Comparator.comparingInt(PortMapping::containerPort).thenComparing(PortMapping::protocol)).toList();
        if (port == null) {
            for (PortMapping p : published) session.out().println(p.containerSide() + " -> " + p.hostAddress() + ":" + p.hostPort());
            return 0;
        }
        String wanted = port.contains("/") ? port : port + "/tcp";
        List<PortMapping> matching = published.stream().filter(p -> p.containerSide().equals(wanted)).toList();
        if (matching.isEmpty()) throw new EngineException("No public port '" + wanted + "' published for " + container, LiveContainer.REFUSED);
        for (PortMapping p : matching) session.out().println(p.hostAddress() + ":" + p.hostPort());
        return 0;
    }
}
