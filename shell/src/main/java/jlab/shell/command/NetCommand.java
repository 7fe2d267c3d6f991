package jlab.shell.command;

import java.util.concurrent.Callable;

import jlab.engine.view.NetView;
import jlab.engine.view.ViewTarget;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code net [NAME]}: links, addresses and routes inside the container's network namespace; outside, its veth peer and bridge. */
@Command(name = "net", description = "Show a container's network: links, addresses and routes inside; the veth peer and bridge outside.")
public final class NetCommand implements Callable<Integer> {
    private final Session session;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "A running container, or the one under construction (the default).") String name;
    @Option(names = "--json", description = "Print JSON.") boolean json;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public NetCommand(Session session) { this.session = session; }

    @Override
    public Integer call() throws Exception {
        ViewTarget t = ViewTargets.resolve(session, "net", name);
        NetView v = NetView.of(t.pid(), ViewTargets.hostPid());
        if (json) {
            ViewTargets.printJson(session, v);
            return 0;
        }
        String format = "  %-16s %-15s %-18s %-6s %s";
        session.out().println(session.colors().bold("INSIDE") + (v.sharesHostNetwork()
                ? session.colors().dim("  (the host's own network namespace: nothing is isolated yet)") : ""));
        session.out().println(String.format(format, "LINK", "STATE", "MAC", "MTU", "ADDRESSES").stripTrailing());
        for (NetView.LinkRow l : v.inside()) {
            session.out().println(String.format(format, l.name(), l.state(), l.mac().isEmpty() ? "-" : l.mac(), l.mtu(),
                    String.join(" ", l.addresses())).stripTrailing());
        }
        for (String r : v.routes()) session.out().println("  route " + r);
        if (v.routes().isEmpty()) session.out().println("  no route: nothing outside this namespace can be reached");
        if (!v.sharesHostNetwork()) {
            session.out().println(session.colors().bold("OUTSIDE") + "  (on the host)");
            for (NetView.LinkRow l : v.outside()) {
                String line = String.format(format, l.name(), l.state(), l.mac().isEmpty() ? "-" : l.mac(), l.mtu(), "")
                        .stripTrailing() + (l.bridge().isEmpty() ? "  (no bridge)"
                        : "  plugged into " + l.bridge() + " " + String.join(" ", l.bridgeAddresses()));
                session.out().println(session.colors().yellow(line));
            }
            if (v.outside().isEmpty()) session.out().println("  no veth pair links it to the host");
        }
        ViewTargets.hint(session, "nsenter --net=/proc/" + t.pid() + "/ns/net ip addr; ip route");
        return 0;
    }
}
