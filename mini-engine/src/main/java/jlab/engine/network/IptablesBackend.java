package jlab.engine.network;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Netfilter rules through {@code iptables-restore} and {@code iptables-save}:
 * the rule text is {@link NatRules}'. iptables talks to the kernel with a
 * binary protocol (a whole table replaced by setsockopt(IPT_SO_SET_REPLACE)
 * for the legacy backend, nf_tables batches over netlink for the nft one)
 * whose encoding of every match and target is far beyond what a teaching
 * engine should re-implement. Both of iptables' backends read the same text.
 *
 * <p>Rules are sent in batches, one process for a whole set
 * ({@code iptables-restore --noflush}: "add these, keep the rest"), never one
 * process per rule: starting iptables costs milliseconds, and a container's
 * rules are made and removed every time it starts and stops. {@code -w} waits
 * for the xtables lock, so that two jlabs changing rules at once do not lose
 * each other's changes.
 */
public final class IptablesBackend implements NetfilterBackend {
    @Override
    public String name() { return "iptables"; }

    /** {@code iptables-restore -w --noflush}, fed {@code rules}: applied all at once, or not at all. */
    static void restore(String rules) {
        Netfilter.run(List.of(Netfilter.require("iptables-restore"), "-w", "--noflush"), rules);
    }

    /** {@code iptables-save [-t TABLE]}: the rules as text, one per line. */
    static List<String> save(String table) {
        List<String> cmd = new ArrayList<>(List.of(Netfilter.require("iptables-save")));
        if (table != null) cmd.addAll(List.of("-t", table));
        return List.of(Netfilter.run(cmd, null).split("\n"));
    }

    @Override
    public void ensureNetwork(String bridge, String subnet) { NatRules.ensureNetwork(bridge, subnet); }

    @Override
    public void removeNetwork(String bridge) { NatRules.removeNetwork(bridge); }

    @Override
    public List<String> removeShared() { return NatRules.removeShared(); }

    @Override
    public void addPorts(List<PortMapping> ports, String address, String tag) {
        restore(NatRules.portBatch(ports, address, tag, true));
    }

    /** Deletes the rules listed, in one batch; if that fails (some were never made), whatever carries the tag. */
    @Override
    public void removePorts(List<PortMapping> ports, String address, String tag) {
        try {
            restore(NatRules.portBatch(ports, address, tag, false));
        } catch (Netfilter.NetfilterException notAll) {
            NatRules.deleteTagged(tag::equals);
        }
    }

    @Override
    public List<String> deleteTagged(Predicate<String> tags) { return NatRules.deleteTagged(tags); }

    @Override
    public String tool() { return "iptables-restore -w --noflush"; }

    @Override
    public String networkCommands(String bridge, String subnet) {
        return "iptables -t nat -A POSTROUTING -s " + subnet + " ! -o " + bridge + " -j MASQUERADE";
    }

    @Override
    public String portCommands(List<PortMapping> ports, String address, String tag) {
        return ports.stream().map(p -> "iptables -t nat " + NatRules.portRule(p, address, tag)).collect(Collectors.joining("; "));
    }

    @Override
    public String listCommand() { return "iptables -t nat -S; iptables -S FORWARD"; }
}
