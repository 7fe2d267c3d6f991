package jlab.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A real terminal for a test: a tmux server of its own (its own socket, -L), one session of a fixed size
 * running one command, keys sent as a person types them, and the screen read back (the whole scrollback,
 * so that nothing printed earlier is lost). {@link #close} kills this server, and only it.
 */
final class Tmux implements AutoCloseable {
    private final String socket;
    private final Path config;

    private Tmux(String socket, Path config) {
        this.socket = socket;
        this.config = config;
    }

    /** Skips the test without tmux, or fails it where kernel tests are required ({@link Skip}). */
    static void assumeInstalled() {
        Skip.unless(Files.isExecutable(Path.of("/usr/bin/tmux")),
                "requires tmux (scripts/setup --test installs it): the test drives a real terminal");
    }

    /** Starts {@code shellCommand} in a new detached session of {@code width} x {@code height}. */
    static Tmux start(String shellCommand, int width, int height) {
        String socket = "jlab-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try {
            // A long scrollback: the tour prints the host's ps twice, and the test reads it all.
            Path config = Files.createTempFile("jlab-tmux", ".conf");
            Files.writeString(config, "set -g history-limit 100000\nset -g remain-on-exit on\n");
            Tmux t = new Tmux(socket, config);
            t.tmux("new-session", "-d", "-s", "t", "-x", String.valueOf(width), "-y", String.valueOf(height), shellCommand);
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends keys as tmux names them: literal text, "Enter", "C-c", "C-d". */
    void sendKeys(String... keys) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", "t"));
        args.addAll(List.of(keys));
        tmux(args.toArray(new String[0]));
    }

    /** Everything the pane shows and showed: its scrollback and its screen, wrapped lines joined. */
    String capture() {
        return tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "t");
    }

    /** Waits until the screen contains {@code text}; returns the screen. */
    String waitFor(String text, Duration timeout) {
        return waitUntil(s -> s.contains(text), "\"" + text + "\"", timeout);
    }

    /** Waits until the screen matches {@code regex} somewhere; returns the screen. */
    String waitFor(Pattern regex, Duration timeout) {
        return waitUntil(s -> regex.matcher(s).find(), "/" + regex + "/", timeout);
    }

    /** Waits until {@code text} shows at least {@code n} times (the n-th pause, say). */
    String waitForCount(String text, int n, Duration timeout) {
        return waitUntil(s -> count(s, text) >= n, n + " x \"" + text + "\"", timeout);
    }

    static int count(String screen, String text) {
        int n = 0;
        for (int i = screen.indexOf(text); i >= 0; i = screen.indexOf(text, i + text.length())) n++;
        return n;
    }

    private String waitUntil(Predicate<String> done, String what, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen = "";
        while (true) {
            screen = capture();
            if (done.test(screen)) return screen;
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the terminal never showed " + what + " in " + timeout.toSeconds() + " s; its last 60 lines:\n"
                        + last(screen, 60));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String last(String screen, int lines) {
        String[] all = screen.split("\n");
        return String.join("\n", List.of(all).subList(Math.max(0, all.length - lines), all.length));
    }

    private String tmux(String... args) {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket, "-f", config.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new AssertionError(String.join(" ", cmd) + ": " + out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Kills this test's tmux server (its socket only: other tmux sessions on the machine are not touched). */
    @Override
    public void close() {
        try {
            new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true).start().waitFor();
            Files.deleteIfExists(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
