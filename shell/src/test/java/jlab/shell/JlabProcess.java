package jlab.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code jlab} (its main class, on the test classpath) as a
 * separate process with its own state directory, as a user would: real
 * standard streams, real exit code.
 */
final class JlabProcess {
    /** What one jlab command printed and returned. */
    record Result(int exitCode, String out, String err) {
        List<String> lines() { return out.isEmpty() ? List.of() : List.of(out.split("\n")); }
    }

    private final Path stateDir;
    private final java.util.Map<String, String> env;
    private final List<String> jvmOptions;

    JlabProcess(Path stateDir) { this(stateDir, java.util.Map.of()); }

    /** A jlab with more environment variables (JLAB_NETFILTER=nft, say). */
    JlabProcess(Path stateDir, java.util.Map<String, String> env) {
        this(stateDir, env, List.of());
    }

    /** A jlab with more environment variables and options for its JVM (-Djlab.home=DIR, say). */
    JlabProcess(Path stateDir, java.util.Map<String, String> env, List<String> jvmOptions) {
        this.stateDir = stateDir;
        this.env = env;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * A launcher like the checkout's {@code ./jlab}, in {@code dir}, that runs this jlab (the test
     * classpath, this state directory): what the web terminal starts when jlab.home is {@code dir}.
     */
    Path writeLauncher(Path dir) {
        List<String> cmd = new ArrayList<>(command(List.of()));
        StringBuilder script = new StringBuilder("#!/bin/sh\nexport JLAB_STATE_DIR='" + stateDir + "'\nexec");
        for (String word : cmd) script.append(" '").append(word.replace("'", "'\\''")).append("'");
        script.append(" \"$@\"\n");
        try {
            Path launcher = dir.resolve("jlab");
            java.nio.file.Files.writeString(launcher, script);
            launcher.toFile().setExecutable(true);
            return launcher;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ProcessBuilder builder(List<String> args) {
        ProcessBuilder pb = new ProcessBuilder(command(args));
        pb.environment().put("JLAB_STATE_DIR", stateDir.toString());
        pb.environment().putAll(env);
        return pb;
    }

    private List<String> command(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(args);
        return cmd;
    }

    Result run(String... args) { return runWithInput(null, args); }

    /** Runs jlab in the working directory {@code dir}: where its relative paths (build PATH, save -o FILE) start. */
    Result runIn(Path dir, String... args) { return start(builder(List.of(args)).directory(dir.toFile()), null, args); }

    /** Runs jlab with {@code stdin} as its standard input (null: nothing). */
    Result runWithInput(String stdin, String... args) { return start(builder(List.of(args)), stdin, args); }

    private Result start(ProcessBuilder pb, String stdin, String... args) {
        try {
            Process p = pb.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            try (var in = p.getOutputStream()) {
                if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("jlab " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs jlab with the file {@code stdin} as its standard input (a tarball for load or import -). */
    Result runWithInputFile(Path stdin, String... args) {
        return start(builder(List.of(args)).redirectInput(stdin.toFile()), null, args);
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
