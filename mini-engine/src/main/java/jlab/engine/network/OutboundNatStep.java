package jlab.engine.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Explanation;
import jlab.engine.step.Step;

/**
 * The network's way out: the host routes between interfaces (ip_forward), and
 * what leaves the subnet by another interface takes the host's address there
 * (MASQUERADE, a source NAT: the outside answers the host, which knows whose
 * connection it was from its conntrack table). Also the two settings published
 * ports need (see {@link NatRules}). The network's rules are made once and
 * kept, as the bridge is; a container adds nothing here.
 */
public final class OutboundNatStep implements Step {
    @Override
    public String name() { return "outbound nat"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        NetworkConfig n = Networks.of(b);
        NetfilterBackend nf = Netfilter.explained();
        return new Explanation(
                "Let the containers of " + n.subnet() + " reach the outside: the host forwards their packets and rewrites"
                        + " their source to its own address (MASQUERADE). External tool: " + nf.tool() + " (netfilter"
                        + " rules have no small syscall interface). Checked once per jlab process; made once per network.",
                "write(\"/proc/sys/net/ipv4/ip_forward\", \"1\"); write(\"/proc/sys/net/ipv4/conf/" + n.bridge()
                        + "/route_localnet\", \"1\"); " + nf.tool() + " (one batch)",
                "sysctl -w net.ipv4.ip_forward=1 net.ipv4.conf." + n.bridge() + ".route_localnet=1; "
                        + nf.networkCommands(n.bridge(), n.subnet()),
                nf.listCommand() + " — rules tagged " + NatRules.networkTag(n.bridge()));
    }

    @Override
    public void apply(ContainerBuild b) { ensure(Networks.of(b)); }

    /** For a container, and for {@code network create}: forwarding on, route_localnet on the bridge, the rules. */
    static void ensure(NetworkConfig n) {
        IpForward.turnOn();
        sysctl("/proc/sys/net/ipv4/conf/" + n.bridge() + "/route_localnet");
        Netfilter.backend().ensureNetwork(n.bridge(), n.subnet());
    }

    /** Sets a sysctl to 1; returns what it was before. route_localnet belongs to the bridge and goes with it. */
    static String sysctl(String file) {
        Path p = Path.of(file);
        try {
            String before = Files.readString(p).trim();
            if (!before.equals("1")) Files.writeString(p, "1");
            return before;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set " + file + " to 1: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean inHelper() { return false; }
}
