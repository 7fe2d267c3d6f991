package jlab.labs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a student types, run to its end by a real shell: {@code ip netns
 * add}, {@code ip link add ... type veth}, {@code iptables -t nat ...} —
 * never jlab's own code — so a lab test proves that such work counts.
 */
final class PlainTools {
    private PlainTools() {}

    /** Runs {@code sh -ec SCRIPT} (stops at the first failing command); fails the test if it exits non-zero. */
    static String sh(String script) {
        Ran r = trySh(script);
        if (r.exit != 0) throw new AssertionError("sh -ec failed (exit " + r.exit + "): " + script + "\n" + r.output);
        return r.output;
    }

    /** The same, for cleanup: what it printed and its exit code, no failure. */
    static Ran trySh(String script) {
        try {
            Process p = new ProcessBuilder(List.of("sh", "-ec", script)).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Ran(-1, out);
            }
            return new Ran(p.exitValue(), out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    record Ran(int exit, String output) {}
}
