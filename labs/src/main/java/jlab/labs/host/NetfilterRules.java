package jlab.labs.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The host's netfilter rules as text, read and pruned by the lab's own
 * addresses and ports only. Rules live in the kernel but are written in a
 * binary protocol (iptables' setsockopt blobs, nf_tables' netlink batches);
 * like jlab's engine, this goes through the tools, by absolute path:
 * {@code iptables-save}/{@code iptables-restore} for the tables iptables
 * made (legacy or nft backend), then {@code nft -a list ruleset} for rules
 * written with nft itself, deleted one by one by their handle.
 *
 * <p>A rule "names" a token (10.202.0.2, 18080) when the token appears in it
 * as a whole address or number: 10.202.0.2 matches {@code -d 10.202.0.2/32}
 * and {@code dnat to 10.202.0.2:80}, never 10.202.0.20; 18080 matches
 * {@code --dport 18080}, never 118080.
 */
public final class NetfilterRules {
    private static final List<String> DIRS = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");
    private static final List<String> TABLES = List.of("nat", "filter", "mangle", "raw");

    private NetfilterRules() {}

    /** Whether the rule text names one of the tokens, as a whole address or number. */
    public static boolean names(String rule, List<String> tokens) {
        for (String t : tokens) {
            if (Pattern.compile("(?<![0-9.])" + Pattern.quote(t) + "(?![0-9]|\\.[0-9])").matcher(rule).find()) return true;
        }
        return false;
    }

    /** Every rule of the host that names a token, as the tool prints it (iptables' first, then nft's own). */
    public static List<String> naming(List<String> tokens) {
        List<String> found = new ArrayList<>();
        String save = find("iptables-save");
        if (save != null) {
            for (String table : TABLES) {
                for (String line : run(List.of(save, "-t", table), null).split("\n")) {
                    if (line.startsWith("-A ") && names(line, tokens)) found.add("iptables -t " + table + " " + line);
                }
            }
        }
        if (!found.isEmpty()) return found; // iptables-nft's rules show in nft's listing too: once is enough
        for (NftRule r : nftRules()) {
            if (names(r.text, tokens)) found.add("nft: table " + r.family + " " + r.table + " chain " + r.chain + ": " + r.text);
        }
        return found;
    }

    /** Deletes every rule naming a token; returns what it deleted, one line each. */
    public static List<String> deleteNaming(List<String> tokens) {
        List<String> done = new ArrayList<>();
        String save = find("iptables-save");
        String restore = find("iptables-restore");
        if (save != null && restore != null) {
            for (String table : TABLES) {
                List<String> deletes = new ArrayList<>();
                for (String line : run(List.of(save, "-t", table), null).split("\n")) {
                    if (line.startsWith("-A ") && names(line, tokens)) deletes.add("-D " + line.substring(3));
                }
                if (deletes.isEmpty()) continue;
                run(List.of(restore, "-w", "--noflush"), "*" + table + "\n" + String.join("\n", deletes) + "\nCOMMIT\n");
                for (String d : deletes) done.add("deleted iptables -t " + table + " " + d.replaceFirst("^-D ", "-A "));
            }
        }
        String nft = find("nft");
        if (nft != null) {
            for (NftRule r : nftRules()) {
                if (!names(r.text, tokens)) continue;
                run(List.of(nft, "delete", "rule", r.family, r.table, r.chain, "handle", r.handle), null);
                done.add("deleted nft rule in " + r.family + " " + r.table + " " + r.chain + ": " + r.text);
            }
        }
        return done;
    }

    /** {@code nft delete table ip NAME} if nft has it; false when there is no such table (or no nft). */
    public static boolean deleteNftTable(String name) {
        String nft = find("nft");
        if (nft == null) return false;
        boolean exists = parseTables(run(List.of(nft, "list", "tables"), null)).contains("ip " + name);
        if (exists) run(List.of(nft, "delete", "table", "ip", name), null);
        return exists;
    }

    /** "ip nat", "inet filter"...: the lines of {@code nft list tables}. */
    static List<String> parseTables(String listing) {
        List<String> tables = new ArrayList<>();
        for (String line : listing.split("\n")) {
            String l = line.strip();
            if (l.startsWith("table ")) tables.add(l.substring("table ".length()).strip());
        }
        return tables;
    }

    /** One rule of {@code nft -a list ruleset}, where it sits, and its handle. */
    record NftRule(String family, String table, String chain, String handle, String text) {}

    static List<NftRule> nftRules() {
        String nft = find("nft");
        if (nft == null) return List.of();
        return parseNft(run(List.of(nft, "-a", "list", "ruleset"), null));
    }

    /** Parses {@code nft -a list ruleset}: "table ip nat {", "chain OUTPUT {", then rules ending in "# handle N". Package-private for tests. */
    static List<NftRule> parseNft(String listing) {
        List<NftRule> rules = new ArrayList<>();
        String family = null;
        String table = null;
        String chain = null;
        for (String raw : listing.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#")) continue; // nft's warnings about iptables-nft's tables (stderr)
            if (line.startsWith("table ")) {
                String[] w = line.split("\\s+");
                family = w[1];
                table = w[2];
                chain = null;
                continue;
            }
            if (line.startsWith("chain ")) {
                chain = line.split("\\s+")[1];
                continue;
            }
            int h = line.lastIndexOf("# handle ");
            if (table == null || chain == null || h < 0 || line.startsWith("type ") || line.endsWith("{")) continue;
            rules.add(new NftRule(family, table, chain, line.substring(h + "# handle ".length()).strip(), line.substring(0, h).strip()));
        }
        return rules;
    }

    static String find(String program) {
        for (String d : DIRS) {
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }

    private static String run(List<String> command, String input) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().clear();
            pb.environment().put("LC_ALL", "C");
            Process p = pb.start();
            if (input != null) p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 30 s");
            }
            if (p.exitValue() != 0) throw new IllegalStateException(String.join(" ", command) + " failed: " + out.strip().replace('\n', ' '));
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
