package jlab.shell;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jlab.engine.lifecycle.ExitCommand;
import jlab.engine.state.StateDir;

/**
 * The exit command a detached container's supervisor runs once the container
 * has exited: this very jlab — the same java, JVM options and class path
 * (made absolute: the supervisor runs in "/"), the same state directory —
 * with {@code container-exited ID}.
 */
final class CallBack implements ExitCommand {
    private final List<String> prefix;

    CallBack(StateDir state) {
        List<String> p = new ArrayList<>();
        p.add("/usr/bin/env");
        p.add("JLAB_STATE_DIR=" + state.root());
        p.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-XX:") || a.startsWith("-Xss") || a.startsWith("-Xlog") || a.startsWith("-Xshare")) p.add(a);
        }
        p.add("-cp");
        p.add(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator)));
        p.add(Main.class.getName());
        p.add("container-exited");
        prefix = List.copyOf(p);
    }

    @Override
    public List<String> forContainer(String id) {
        List<String> argv = new ArrayList<>(prefix);
        argv.add(id);
        return argv;
    }
}
