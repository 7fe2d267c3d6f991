package jlab.engine.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jlab.engine.EngineException;

/**
 * Netfilter rules through an EXTERNAL TOOL: {@code iptables-restore} and
 * {@code iptables-save}. This is the one place jlab runs a program instead of
 * making the system call itself: iptables talks to the kernel with a binary
 * protocol (a whole table replaced by setsockopt(IPT_SO_SET_REPLACE) for the
 * legacy backend, nf_tables batches over netlink for the nft one) whose
 * encoding of every match and target is far beyond what a teaching engine
 * should re-implement. Both backends read the same text.
 *
 * <p>Rules are sent in batches, one process for a whole set
 * ({@code iptables-restore --noflush}: "add these, keep the rest"), never one
 * process per rule: starting iptables costs milliseconds, and a container's
 * rules are made and removed every time it starts and stops. {@code -w} waits
 * for the xtables lock, so that two jlabs changing rules at once do not lose
 * each other's changes.
 */
public final class Netfilter {
    private static final List<String> DIRS = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/sbin");

    private Netfilter() {}

    /** Whether the host has iptables-restore: without it, a bridge network cannot have NAT. */
    public static boolean available() { return find("iptables-restore") != null; }

    static String find(String program) {
        for (String d : DIRS) {
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }

    static String require(String program) {
        String p = find(program);
        if (p == null) {
            throw new EngineException("a bridge network needs iptables for its NAT rules, and " + program + " is not"
                    + " installed: apt-get install iptables (or scripts/setup), or run with --network none or host");
        }
        return p;
    }

    /** {@code iptables-restore -w --noflush}, fed {@code rules}: applied all at once, or not at all. */
    public static void restore(String rules) {
        run(List.of(require("iptables-restore"), "-w", "--noflush"), rules);
    }

    /** {@code iptables-save [-t TABLE]}: the rules as text, one per line. */
    public static List<String> save(String table) {
        List<String> cmd = new ArrayList<>(List.of(require("iptables-save")));
        if (table != null) cmd.addAll(List.of("-t", table));
        return List.of(run(cmd, null).split("\n"));
    }

    private static String run(List<String> command, String input) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (input != null) p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new EngineException(String.join(" ", command) + " did not finish in 30 s");
            }
            if (p.exitValue() != 0) throw new NetfilterException(String.join(" ", command), input, out.strip());
            return out;
        } catch (IOException e) {
            throw new EngineException("cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while running " + command.get(0));
        }
    }

    /** iptables refused a batch: its own words, and what it was given. */
    public static final class NetfilterException extends EngineException {
        NetfilterException(String command, String input, String output) {
            super(command + " failed: " + output.replace('\n', ' ')
                    + (input == null ? "" : " (input: " + input.replace('\n', ' ').strip() + ")"));
        }
    }
}
