package jlab.engine.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jlab.engine.EngineException;
import jlab.engine.HostPrograms;

/**
 * Netfilter rules through an EXTERNAL TOOL. This is the one place jlab runs a
 * program instead of making the system call itself: the kernel's rule
 * protocols (iptables' setsockopt blobs, nf_tables' netlink messages) encode
 * every match and target in a binary form far beyond what a teaching engine
 * should re-implement.
 *
 * <p>Two tools can do it, behind {@link NetfilterBackend}: {@code iptables-restore}
 * ({@link IptablesBackend}) when the host has it, else {@code nft}
 * ({@link NftBackend}). The choice is made once per process;
 * {@code JLAB_NETFILTER=iptables|nft} forces one. Both tag their rules the
 * same way, but each finds only its own: a host should stay with one tool
 * (switching leaves the other tool's network rules in place, harmless, until
 * removed by hand).
 */
public final class Netfilter {
    private static volatile NetfilterBackend chosen;

    private Netfilter() {}

    /** Whether the host has a tool for netfilter rules: without one, a bridge network cannot have NAT. */
    public static boolean available() {
        try {
            backend();
            return true;
        } catch (EngineException none) {
            return false;
        }
    }

    /** The backend of this process: forced by JLAB_NETFILTER, else iptables-restore if installed, else nft. */
    public static NetfilterBackend backend() {
        NetfilterBackend b = chosen;
        if (b == null) chosen = b = choose(System.getenv("JLAB_NETFILTER"));
        return b;
    }

    /** The backend for {@code --explain}: the chosen one, or iptables (what setup installs) when there is none. */
    public static NetfilterBackend explained() { return available() ? backend() : new IptablesBackend(); }

    static NetfilterBackend choose(String forced) {
        if (forced != null && !forced.isBlank()) {
            switch (forced.strip()) {
                case "iptables": require("iptables-restore"); return new IptablesBackend();
                case "nft": require("nft"); return new NftBackend();
                default: throw new EngineException("JLAB_NETFILTER=" + forced + " is not a netfilter tool: set it to"
                        + " iptables or nft, or unset it to let jlab pick the one installed");
            }
        }
        if (find("iptables-restore") != null) return new IptablesBackend();
        if (find("nft") != null) return new NftBackend();
        throw new EngineException("a bridge network needs iptables or nftables for its NAT rules, and neither"
                + " iptables-restore nor nft is installed: apt-get install iptables (or scripts/setup), or run with"
                + " --network none or host");
    }

    static String find(String program) { return HostPrograms.find(program); }

    static String require(String program) {
        String p = find(program);
        if (p == null) {
            String pkg = program.equals("nft") ? "nftables" : "iptables";
            throw new EngineException("a bridge network needs " + pkg + " for its NAT rules, and " + program + " is not"
                    + " installed: apt-get install " + pkg + " (or scripts/setup), or run with --network none or host");
        }
        return p;
    }

    /** Runs a tool, fed {@code input}; its output, or a NetfilterException with its own words. */
    static String run(List<String> command, String input) {
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

    /** The tool refused a batch: its own words, and what it was given. */
    public static final class NetfilterException extends EngineException {
        NetfilterException(String command, String input, String output) {
            super(command + " failed: " + output.replace('\n', ' ')
                    + (input == null ? "" : " (input: " + input.replace('\n', ' ').strip() + ")"));
        }
    }
}
