package jlab.engine.network;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Netfilter rules through {@code nft}, the tool of nf_tables, the kernel's
 * newer packet filter. What changes from iptables:
 *
 * <ul>
 * <li><b>No fixed tables or chains.</b> iptables finds {@code nat} with
 * {@code PREROUTING} and {@code POSTROUTING} ready-made, shared by every
 * program of the host. nf_tables has nothing until someone makes it: jlab makes
 * its own table, {@code table ip jlab}, and in it <i>base chains</i>, each
 * attached to a netfilter hook with a type and a priority (the order among all
 * chains at that hook). jlab's rules never sit among anyone else's.
 * <li><b>One netlink batch.</b> {@code nft -f -} sends a whole file as one
 * nf_tables transaction: every rule of a container goes in, or none does,
 * with no lock to take and no table to read and write back (iptables-restore
 * with the legacy backend replaces whole tables). {@code add table} and
 * {@code add chain} leave what exists untouched, so the batch can always
 * declare them.
 * <li><b>Handles, not rule text.</b> iptables deletes a rule by repeating it
 * ({@code -D}, matched against the kernel's text); nft deletes by the handle
 * the kernel gave the rule, which {@code nft -a list table ip jlab} prints.
 * So removal lists the table, picks the rules whose {@code comment} is the
 * tag, and deletes their handles in one batch.
 * <li><b>Every base chain is consulted.</b> An {@code accept} in jlab's forward
 * chain ends only jlab's chain: a drop in another table's chain at the same
 * hook (a firewall's) still drops. A NAT decision, though, is taken once per
 * connection, by the first nat chain that makes one.
 * </ul>
 *
 * <pre>
 * table ip jlab {
 *   chain prerouting  { type nat hook prerouting priority dstnat; fib daddr type local jump ports }
 *   chain output      { type nat hook output priority -100;       fib daddr type local jump ports }
 *   chain ports       { tcp dport 8080 dnat to 10.88.0.5:80 comment "jlab:ENGINE:container:ID" }
 *   chain postrouting { type nat hook postrouting priority srcnat;
 *                       ip saddr 10.88.0.0/16 oifname != "jlab0" masquerade comment "jlab:network:jlab0"
 *                       ip saddr 127.0.0.0/8 oifname "jlab0" masquerade comment "jlab:network:jlab0" }
 *   chain forward     { type filter hook forward priority filter;
 *                       iifname "jlab0" accept; oifname "jlab0" accept }
 * }
 * </pre>
 * ({@code -100} is dstnat's value: nft 1.0 accepts the name only at prerouting.)
 * The rules are written exactly as {@code nft list} prints them, so that the
 * check "is this rule there" is a comparison of text.
 */
public final class NftBackend implements NetfilterBackend {
    static final String TABLE = "ip jlab";
    static final String PORTS = "ports";
    /** The bridges whose rules this process has already checked (see {@link CheckedBridges}). */
    private static final CheckedBridges CHECKED = new CheckedBridges();

    @Override
    public String name() { return "nft"; }

    /** A rule as {@code nft -a list} shows it: its chain, its text (without the handle), its handle and tag. */
    record Listed(String chain, String rule, long handle, String tag) {}

    /** The table and its chains: declared in every batch that needs them ({@code add} keeps what exists). */
    static String tableBatch() {
        return "add table " + TABLE + "\n"
                + "add chain " + TABLE + " prerouting { type nat hook prerouting priority dstnat; policy accept; }\n"
                + "add chain " + TABLE + " output { type nat hook output priority -100; policy accept; }\n"
                + "add chain " + TABLE + " postrouting { type nat hook postrouting priority srcnat; policy accept; }\n"
                + "add chain " + TABLE + " forward { type filter hook forward priority filter; policy accept; }\n"
                + "add chain " + TABLE + " " + PORTS + "\n";
    }

    static String comment(String tag) { return " comment \"" + tag + "\""; }

    /** The rules of a network, as chain and text: the jumps into ports (shared by all), outbound NAT, forwarding. */
    static List<Listed> networkRules(String bridge, String subnet) {
        String tag = NatRules.networkTag(bridge);
        String jump = "fib daddr type local jump " + PORTS + comment(NatRules.JUMP_TAG);
        return List.of(
                new Listed("prerouting", jump, 0, NatRules.JUMP_TAG),
                new Listed("output", jump, 0, NatRules.JUMP_TAG),
                new Listed("postrouting", "ip saddr " + subnet + " oifname != \"" + bridge + "\" masquerade" + comment(tag), 0, tag),
                new Listed("postrouting", "ip saddr 127.0.0.0/8 oifname \"" + bridge + "\" masquerade" + comment(tag), 0, tag),
                new Listed("forward", "iifname \"" + bridge + "\" accept" + comment(tag), 0, tag),
                new Listed("forward", "oifname \"" + bridge + "\" accept" + comment(tag), 0, tag));
    }

    /** The DNAT rule of one published port, as nft lists it. */
    static String portRule(PortMapping p, String address, String tag) {
        return (p.hostIp().isEmpty() ? "" : "ip daddr " + p.hostIp() + " ") + p.protocol() + " dport " + p.hostPort()
                + " dnat to " + address + ":" + p.containerPort() + comment(tag);
    }

    /** The nft -f text that adds a container's port rules: one transaction. */
    static String portBatch(List<PortMapping> ports, String address, String tag) {
        StringBuilder sb = new StringBuilder(tableBatch());
        for (PortMapping p : ports) sb.append(add(PORTS, portRule(p, address, tag)));
        return sb.toString();
    }

    private static String add(String chain, String rule) { return "add rule " + TABLE + " " + chain + " " + rule + "\n"; }

    /** The rules of {@code nft -a list table ip jlab}'s output. */
    static List<Listed> parse(String listing) {
        List<Listed> rules = new ArrayList<>();
        String chain = null;
        for (String raw : listing.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("chain ")) {
                chain = line.substring("chain ".length()).split("[ {]")[0];
                continue;
            }
            int h = line.lastIndexOf(" # handle ");
            if (chain == null || h < 0 || line.startsWith("type ")) continue;
            String rule = line.substring(0, h);
            rules.add(new Listed(chain, rule, Long.parseLong(line.substring(h + " # handle ".length()).strip()), commentOf(rule)));
        }
        return rules;
    }

    /** The tag of a rule: its {@code comment "..."}. */
    static String commentOf(String rule) {
        int at = rule.lastIndexOf(" comment \"");
        if (at < 0) return null;
        int start = at + " comment \"".length();
        int end = rule.indexOf('"', start);
        return end < 0 ? null : rule.substring(start, end);
    }

    /** The nft -f text that deletes rules by handle: one transaction. */
    static String deleteBatch(List<Listed> rules) {
        return rules.stream().map(r -> "delete rule " + TABLE + " " + r.chain() + " handle " + r.handle() + "\n")
                .collect(Collectors.joining());
    }

    /** nft -f -: the batch, as one transaction. */
    static void apply(String batch) { Netfilter.run(List.of(Netfilter.require("nft"), "-f", "-"), batch); }

    static boolean tableExists() {
        String tables = Netfilter.run(List.of(Netfilter.require("nft"), "list", "tables"), null);
        return tables.lines().map(String::strip).toList().contains("table " + TABLE);
    }

    /** The table's rules now; none when the table does not exist yet. */
    static List<Listed> list() {
        String nft = Netfilter.require("nft");
        if (!tableExists()) return List.of();
        return parse(Netfilter.run(List.of(nft, "-a", "list", "table", "ip", "jlab"), null));
    }

    /**
     * Makes sure the network's rules exist (once per process and bridge): under
     * the host-wide lock, lists the table and adds what is missing, with the
     * table and chains, in one batch.
     */
    @Override
    public void ensureNetwork(String bridge, String subnet) {
        if (CHECKED.seen(bridge)) return;
        NatRules.withLock(() -> {
            List<String> current = list().stream().map(r -> r.chain() + " " + r.rule()).toList();
            StringBuilder batch = new StringBuilder(tableBatch());
            for (Listed r : networkRules(bridge, subnet)) {
                if (!current.contains(r.chain() + " " + r.rule())) batch.append(add(r.chain(), r.rule()));
            }
            apply(batch.toString());
        });
        CHECKED.add(bridge);
    }

    @Override
    public void removeNetwork(String bridge) {
        CHECKED.remove(bridge);
        deleteTagged(NatRules.networkTag(bridge)::equals);
    }

    /** Deleting the table deletes its chains and rules with it, in one transaction. */
    @Override
    public List<String> removeShared() {
        List<String> removed = new ArrayList<>();
        NatRules.withLock(() -> {
            if (!tableExists()) return;
            boolean othersLeft = list().stream().anyMatch(r -> r.tag() == null || !r.tag().equals(NatRules.JUMP_TAG));
            if (othersLeft) return;
            apply("delete table " + TABLE + "\n");
            removed.add("table " + TABLE);
        });
        return removed;
    }

    @Override
    public void addPorts(List<PortMapping> ports, String address, String tag) { apply(portBatch(ports, address, tag)); }

    /** By tag: nft deletes by handle, so the rules are found in the table whatever was made of them. */
    @Override
    public void removePorts(List<PortMapping> ports, String address, String tag) { deleteTagged(tag::equals); }

    /** Lists the table (one process) and deletes the tagged rules by handle (one more). */
    @Override
    public List<String> deleteTagged(Predicate<String> tags) {
        List<String> removed = new ArrayList<>();
        NatRules.withLock(() -> {
            List<Listed> doomed = list().stream().filter(r -> r.tag() != null && tags.test(r.tag())).toList();
            if (doomed.isEmpty()) return;
            apply(deleteBatch(doomed));
            doomed.forEach(r -> removed.add(r.tag()));
        });
        return removed;
    }

    @Override
    public String tool() { return "nft -f -"; }

    @Override
    public String networkCommands(String bridge, String subnet) {
        List<String> commands = new ArrayList<>(tableBatch().lines().toList());
        networkRules(bridge, subnet).forEach(r -> commands.add(add(r.chain(), r.rule()).strip()));
        return commands.stream().map(c -> "nft '" + c + "'").collect(Collectors.joining("; "));
    }

    @Override
    public String portCommands(List<PortMapping> ports, String address, String tag) {
        return ports.stream().map(p -> "nft '" + add(PORTS, portRule(p, address, tag)).strip() + "'")
                .collect(Collectors.joining("; "));
    }

    @Override
    public String listCommand() { return "nft -a list table " + TABLE; }
}
