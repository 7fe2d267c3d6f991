package jlab.engine.network;

import java.util.List;
import java.util.function.Predicate;

/**
 * The program that writes jlab's netfilter rules: {@link IptablesBackend}
 * ({@code iptables-restore}) or {@link NftBackend} ({@code nft}). {@link Netfilter}
 * picks one per process; the rest of the engine asks it for "the network's
 * rules", "a container's ports", "whatever carries this tag", never for a tool.
 * Both tag every rule with the same comment ({@code jlab:network:BRIDGE},
 * {@code jlab:ENGINE:container:ID}), and that comment is all teardown and gc look for.
 */
public interface NetfilterBackend {
    /** "iptables" or "nft": what {@code JLAB_NETFILTER} names. */
    String name();

    /** Makes sure a network's rules exist (outbound NAT, the localhost MASQUERADE, forwarding): idempotent. */
    void ensureNetwork(String bridge, String subnet);

    /** Removes a network's own rules, found by its tag. */
    void removeNetwork(String bridge);

    /**
     * Once no network's rule is left (no {@code jlab:network:} tag, no container's port): removes what
     * all networks share — the jumps into jlab's port chain, and the chain (iptables) or the table
     * (nft). Returns what it removed, one line each; nothing while some network still has rules.
     */
    List<String> removeShared();

    /** One DNAT rule per published port, all in one atomic batch. */
    void addPorts(List<PortMapping> ports, String address, String tag);

    /** Removes a container's port rules; tolerant of rules that were never made. */
    void removePorts(List<PortMapping> ports, String address, String tag);

    /** Deletes every rule whose tag the predicate accepts, in one batch; returns the tags it removed rules of. */
    List<String> deleteTagged(Predicate<String> tags);

    /** How the tool is run, for {@code --explain}: "iptables-restore -w --noflush". */
    String tool();

    /** The equivalent shell commands of a network's outbound NAT. */
    String networkCommands(String bridge, String subnet);

    /** The equivalent shell commands of a container's port rules. */
    String portCommands(List<PortMapping> ports, String address, String tag);

    /** What to look at to see the rules. */
    String listCommand();
}
