package jlab.labs;

import java.util.Arrays;
import java.util.List;

/**
 * What of the host's network carries a lab's names, as the tools print it:
 * named namespaces (ip netns list), their nsfs mounts, links, the host's
 * IPv4 addresses, netfilter rules (iptables-save, nft list ruleset) and nft tables. Taken before a test and
 * after its reset, the two must be equal.
 */
record NetSnapshot(List<String> netns, List<String> mounts, List<String> links, List<String> addresses, List<String> rules,
                   List<String> tables) {
    static NetSnapshot take(List<String> words) {
        return new NetSnapshot(
                lines("ls /run/netns 2>/dev/null || true", words),
                lines("grep nsfs /proc/self/mountinfo || true", words),
                lines("ip -o link", words),
                lines("ip -o -4 addr", words),
                lines("(iptables-save 2>/dev/null || true; nft list ruleset 2>/dev/null || true)", words),
                lines("nft list tables 2>/dev/null || true", words));
    }

    /** The lines of a command's output that contain one of the words. */
    private static List<String> lines(String command, List<String> words) {
        return Arrays.stream(PlainTools.sh(command).split("\n"))
                .filter(l -> words.stream().anyMatch(l::contains))
                .map(l -> l.replaceAll("^\\d+: ", "").replaceAll("packets \\d+ bytes \\d+", ""))
                .sorted().toList();
    }

    boolean empty() {
        return netns.isEmpty() && mounts.isEmpty() && links.isEmpty() && addresses.isEmpty() && rules.isEmpty() && tables.isEmpty();
    }
}
