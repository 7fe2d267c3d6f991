package jlab.kernel.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces a test makes for itself with {@code ip netns add}, and
 * iproute2 as the oracle. Every veth end a test creates lives in one of these,
 * so nothing a test does touches the host's links, addresses or routes; closing
 * deletes the namespaces, and with them every link, address and route inside.
 */
final class TestNetns implements AutoCloseable {
    private static final String PREFIX = "jltest-rtnl-" + ProcessHandle.current().pid() + "-";

    private final List<String> made = new ArrayList<>();

    /** A new network namespace, {@code /run/netns/jltest-rtnl-PID-SUFFIX}; returns its name. */
    String add(String suffix) {
        String name = PREFIX + suffix;
        run("ip", "netns", "add", name);
        made.add(name);
        return name;
    }

    static Path file(String netns) {
        return Path.of("/run/netns", netns);
    }

    /** {@code ip -n NETNS ARGS...}: the command's output; fails the test if it fails. */
    static String ip(String netns, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", netns));
        command.addAll(Arrays.asList(args));
        return run(command.toArray(String[]::new));
    }

    /** The link names {@code ip -o link} prints in the host's namespace (the JUnit thread's). */
    static List<String> hostLinkNames() {
        return linkNames(run("ip", "-o", "link"));
    }

    static List<String> linkNames(String ipOLink) {
        return ipOLink.lines().map(l -> l.split(": ")[1].split("@")[0]).sorted().toList();
    }

    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + ": still runs after 30 s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + ": exit " + p.exitValue() + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError(String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        for (String name : made) run("ip", "netns", "delete", name);
        made.clear();
    }
}
