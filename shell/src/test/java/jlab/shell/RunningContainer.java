package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A foreground container ({@code jlab run --name NAME ...}) started by a test
 * as a background process, as a user would in another terminal: once
 * {@code jlab ps} shows it running, the test execs into it, inspects it,
 * pauses it. {@link #stop} kills its PID 1 from the host: its jlab then
 * tears it down as after any exit.
 */
final class RunningContainer implements AutoCloseable {
    private final JlabProcess jlab;
    private final String name;
    private final Process process;
    private final long initPid;
    private final long helperPid;

    private RunningContainer(JlabProcess jlab, String name, Process process, long initPid, long helperPid) {
        this.jlab = jlab;
        this.name = name;
        this.process = process;
        this.initPid = initPid;
        this.helperPid = helperPid;
    }

    /** {@code jlab run --name NAME RUNARGS...}, once ps shows it running. */
    static RunningContainer start(JlabProcess jlab, Path logDir, String name, String... runArgs) {
        List<String> args = new ArrayList<>(List.of("run", "--name", name));
        args.addAll(List.of(runArgs));
        try {
            Path log = Files.createTempFile(logDir, name, ".log");
            Process p = jlab.builder(args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            for (int i = 0; i < 600; i++) {
                JsonNode r = record(jlab, name);
                if (r != null && r.path("status").asText().equals("running") && r.path("initPid").asLong() > 0) {
                    return new RunningContainer(jlab, name, p, r.path("initPid").asLong(), r.path("helperPid").asLong());
                }
                if (!p.isAlive()) throw new AssertionError("jlab run " + args + " exited: " + Files.readString(log));
                Thread.sleep(50);
            }
            p.destroyForcibly();
            throw new AssertionError("container " + name + " never showed as running in jlab ps");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The container's line of {@code jlab ps --json}, or null. */
    static JsonNode record(JlabProcess jlab, String name) {
        var ps = jlab.run("ps", "-a", "--json");
        assertThat(ps.exitCode()).as(ps.err()).isZero();
        try {
            for (JsonNode r : new ObjectMapper().readTree(ps.out())) {
                if (r.path("name").asText().equals(name)) return r;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return null;
    }

    String name() { return name; }

    /** The host pid of its PID 1. */
    long initPid() { return initPid; }

    /** The host pid of its helper, the reaper of PID 1. */
    long helperPid() { return helperPid; }

    /** SIGKILLs its PID 1 from the host and waits for its jlab to finish; then removes it. */
    void stop() {
        ProcessHandle.of(initPid).ifPresent(ProcessHandle::destroyForcibly);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        jlab.run("rm", name);
    }

    @Override
    public void close() { stop(); }
}
