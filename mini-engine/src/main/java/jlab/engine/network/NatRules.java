package jlab.engine.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * jlab's netfilter rules, as {@code iptables-restore} text, each tagged with a
 * comment ({@code -m comment --comment jlab:...}) that names what it belongs to,
 * so that {@code jlab gc} finds them by looking at the kernel.
 *
 * <pre>
 * nat  PREROUTING  -m addrtype --dst-type LOCAL -j JLAB         packets for any of the host's addresses...
 * nat  OUTPUT      -m addrtype --dst-type LOCAL -j JLAB         ...from outside, or from the host itself
 * nat  JLAB        -p tcp --dport 8080 -j DNAT --to 10.88.0.5:80    one per published port (tag: the container)
 * nat  POSTROUTING -s 10.88.0.0/16 ! -o jlab0 -j MASQUERADE     outbound NAT: leave with the host's address
 * nat  POSTROUTING -s 127.0.0.0/8 -o jlab0 -j MASQUERADE        127.0.0.1:8080 -> the container can answer
 * filter FORWARD   -i jlab0 -j ACCEPT ; -o jlab0 -j ACCEPT      let the bridge's traffic be routed
 * </pre>
 *
 * Why DNAT and not a userland proxy (Docker's default docker-proxy): a proxy
 * is one more process per port, copying every byte, and the container sees the
 * proxy's address instead of the client's. DNAT rewrites the destination in
 * the kernel, at no cost per byte, and the container sees the real client
 * (Docker's {@code userland-proxy: false}). Its price is 127.0.0.1: the kernel
 * refuses to route a packet with a loopback address off the loopback device
 * ("martian"), so the bridge gets {@code route_localnet=1}, and the packet's
 * 127.0.0.1 source is replaced by the bridge's address (the MASQUERADE for
 * 127.0.0.0/8) so that the container's answer can come back.
 */
public final class NatRules {
    public static final String CHAIN = "JLAB";
    static final String JUMP_TAG = "jlab:jump";
    /** The bridges whose rules this process has already checked (see {@link CheckedBridges}). */
    private static final CheckedBridges CHECKED = new CheckedBridges();

    private NatRules() {}

    static String networkTag(String bridge) { return "jlab:network:" + bridge; }

    /** A container's tag: its engine (the state directory's cgroup parent) and its id. */
    public static String containerTag(String engine, String id) { return "jlab:" + engine + ":container:" + id; }

    /** The rules of a network: the jumps into JLAB (shared by all), outbound NAT, forwarding. By table. */
    static Map<String, List<String>> networkRules(String bridge, String subnet) {
        String tag = comment(networkTag(bridge));
        String jump = comment(JUMP_TAG);
        Map<String, List<String>> t = new LinkedHashMap<>();
        t.put("nat", List.of(
                "-A PREROUTING -m addrtype --dst-type LOCAL" + jump + " -j " + CHAIN,
                "-A OUTPUT -m addrtype --dst-type LOCAL" + jump + " -j " + CHAIN,
                "-A POSTROUTING -s " + subnet + " ! -o " + bridge + tag + " -j MASQUERADE",
                "-A POSTROUTING -s 127.0.0.0/8 -o " + bridge + tag + " -j MASQUERADE"));
        t.put("filter", List.of(
                "-A FORWARD -i " + bridge + tag + " -j ACCEPT",
                "-A FORWARD -o " + bridge + tag + " -j ACCEPT"));
        return t;
    }

    /** A rule's tag, quoted as iptables-save prints it (so that the text we compare and delete is the kernel's). */
    static String comment(String tag) { return " -m comment --comment \"" + tag + "\""; }

    /** The DNAT rule of one published port, as iptables-save prints it (so that -D finds it). */
    static String portRule(PortMapping p, String address, String tag) {
        return "-A " + CHAIN + (p.hostIp().isEmpty() ? "" : " -d " + p.hostIp() + "/32") + " -p " + p.protocol()
                + " -m " + p.protocol() + " --dport " + p.hostPort() + comment(tag)
                + " -j DNAT --to-destination " + address + ":" + p.containerPort();
    }

    /** iptables-restore text for the port rules, added ("-A") or deleted ("-D"). */
    static String portBatch(List<PortMapping> ports, String address, String tag, boolean add) {
        StringBuilder sb = new StringBuilder("*nat\n");
        for (PortMapping p : ports) {
            String rule = portRule(p, address, tag);
            sb.append(add ? rule : "-D" + rule.substring(2)).append('\n');
        }
        return sb.append("COMMIT\n").toString();
    }

    /**
     * Makes sure the network's rules exist (once per process and bridge): under
     * a host-wide lock, reads the rules ({@code iptables-save}: one process) and
     * adds the missing ones in one batch. The JLAB chain is declared only if it
     * does not exist yet: declaring an existing chain in a restore flushes it.
     */
    static void ensureNetwork(String bridge, String subnet) {
        if (CHECKED.seen(bridge)) return;
        withLock(() -> {
            List<String> current = IptablesBackend.save(null);
            StringBuilder batch = new StringBuilder();
            boolean chainExists = current.stream().anyMatch(l -> l.startsWith(":" + CHAIN + " "));
            for (Map.Entry<String, List<String>> table : networkRules(bridge, subnet).entrySet()) {
                List<String> missing = new ArrayList<>();
                for (String rule : table.getValue()) if (!current.contains(rule)) missing.add(rule);
                boolean declare = table.getKey().equals("nat") && !chainExists;
                if (missing.isEmpty() && !declare) continue;
                batch.append('*').append(table.getKey()).append('\n');
                if (declare) batch.append(':').append(CHAIN).append(" - [0:0]\n");
                // FORWARD rules go first (-I): a host whose FORWARD policy or rules drop would stop them otherwise.
                for (String r : missing) batch.append(r.startsWith("-A FORWARD") ? "-I" + r.substring(2) : r).append('\n');
                batch.append("COMMIT\n");
            }
            if (batch.length() > 0) IptablesBackend.restore(batch.toString());
        });
        CHECKED.add(bridge);
    }

    /** Removes a network's own rules (not the shared jumps), whatever their position: by their tag. */
    static void removeNetwork(String bridge) {
        CHECKED.remove(bridge);
        withLock(() -> deleteTagged(networkTag(bridge)::equals));
    }

    /** {@link NetfilterBackend#removeShared}: the two jumps and the JLAB chain, once no jlab rule is left. */
    static List<String> removeShared() {
        List<String> removed = new ArrayList<>();
        withLock(() -> {
            List<String> current = IptablesBackend.save(null);
            boolean othersLeft = current.stream().map(NatRules::commentOf)
                    .anyMatch(tag -> tag != null && tag.startsWith("jlab:") && !tag.equals(JUMP_TAG));
            if (othersLeft) return;
            if (!deleteTagged(JUMP_TAG::equals).isEmpty()) removed.add("rules " + JUMP_TAG + " (nat PREROUTING and OUTPUT)");
            if (current.stream().anyMatch(l -> l.startsWith(":" + CHAIN + " "))) {
                // -X deletes a chain: the kernel refuses while a rule still jumps to it, hence the jumps first.
                IptablesBackend.restore("*nat\n-X " + CHAIN + "\nCOMMIT\n");
                removed.add("chain nat " + CHAIN);
            }
        });
        return removed;
    }

    /**
     * Deletes every rule whose comment the predicate accepts, found in
     * {@code iptables-save}'s output: one process to read, one to delete.
     * Returns the tags it removed rules of.
     */
    static List<String> deleteTagged(java.util.function.Predicate<String> tags) {
        String table = null;
        Map<String, StringBuilder> byTable = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        for (String line : IptablesBackend.save(null)) {
            if (line.startsWith("*")) table = line.substring(1);
            if (!line.startsWith("-A ") || table == null) continue;
            String tag = commentOf(line);
            if (tag == null || !tags.test(tag)) continue;
            byTable.computeIfAbsent(table, k -> new StringBuilder()).append("-D").append(line.substring(2)).append('\n');
            removed.add(tag);
        }
        if (!byTable.isEmpty()) {
            StringBuilder batch = new StringBuilder();
            byTable.forEach((t, rules) -> batch.append('*').append(t).append('\n').append(rules).append("COMMIT\n"));
            IptablesBackend.restore(batch.toString());
        }
        return removed;
    }

    /** The comment of a rule as iptables-save prints it: {@code -m comment --comment TAG}. */
    static String commentOf(String rule) {
        int at = rule.indexOf("--comment ");
        if (at < 0) return null;
        String rest = rule.substring(at + "--comment ".length());
        if (rest.startsWith("\"")) return rest.substring(1, Math.max(1, rest.indexOf('"', 1)));
        int space = rest.indexOf(' ');
        return space < 0 ? rest : rest.substring(0, space);
    }

    /** Every container tag of an engine found in the rules ({@code jlab gc}). */
    static List<String> containerTags(String engine) {
        String prefix = "jlab:" + engine + ":container:";
        List<String> tags = new ArrayList<>();
        for (String line : IptablesBackend.save("nat")) {
            String tag = commentOf(line);
            if (tag != null && tag.startsWith(prefix) && !tags.contains(tag)) tags.add(tag);
        }
        return tags;
    }

    /** A lock all jlabs of the host take around check-then-add of network rules (fcntl lock on a file). */
    static void withLock(Runnable r) {
        Path lock = HostWide.netfilterLock();
        try {
            Files.createDirectories(lock.getParent());
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = ch.lock()) {
                r.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lock + ": " + e.getMessage(), e);
        }
    }
}
