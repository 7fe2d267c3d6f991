package jlab.shell;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The netfilter tool the jlab under test uses, as the engine picks it: JLAB_NETFILTER
 * (inherited by every jlab process the tests start) if set, else iptables-restore
 * if installed, else nft. So that BridgeNetworkTest and LeakTest run with either
 * backend: {@code JLAB_NETFILTER=nft ./mvnw ... -Dtest=BridgeNetworkTest,LeakTest}.
 */
final class NetfilterTool {
    private NetfilterTool() {}

    static boolean nft() {
        String forced = System.getenv("JLAB_NETFILTER");
        if (forced != null && !forced.isBlank()) return forced.strip().equals("nft");
        return !Files.isExecutable(Path.of("/usr/sbin/iptables-restore"));
    }

    /** A shell command that adds a stray DNAT rule carrying {@code tag}, as a crash could leave it. */
    static String addStrayRule(String tag, boolean nft) {
        if (nft) {
            return "printf 'add table ip jlab\\nadd chain ip jlab ports\\nadd rule ip jlab ports tcp dport 1 dnat to"
                    + " 10.88.255.254:1 comment \"" + tag + "\"\\n' | nft -f -";
        }
        return "printf '*nat\\n-A JLAB -p tcp -m tcp --dport 1 -m comment --comment \"" + tag
                + "\" -j DNAT --to-destination 10.88.255.254:1\\nCOMMIT\\n' | iptables-restore -w --noflush";
    }
}
