package jlab.engine.step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jlab.engine.EngineException;
import jlab.engine.image.Passwd;
import jlab.kernel.KernelException;

/**
 * The last step: the helper replaces itself with the user's command, by
 * execve(2). Same process, same pid (PID 1 inside), same namespaces, cgroup
 * and root; a new program. The environment is built as Docker builds it: the
 * image's, then HOSTNAME, then -e, then HOME if still unset.
 */
public final class ExecStep implements Step {
    @Override
    public String name() { return "exec"; }

    /**
     * The command, as Docker composes it: the image's ENTRYPOINT, then the user's command or, without
     * one, the image's CMD. An image with {@code ENTRYPOINT ["httpd", "-f"]} and {@code CMD ["-p", "80"]}
     * runs {@code httpd -f -p 80}; {@code jlab run IMAGE -p 8080} runs {@code httpd -f -p 8080}.
     * {@code --entrypoint sh} replaces the ENTRYPOINT and, as in Docker, drops the image's CMD: the user's
     * command alone follows it ({@code --entrypoint ""} leaves the user's command alone).
     */
    public static List<String> command(ContainerBuild b) {
        String override = b.spec().entrypoint();
        List<String> cmd = new ArrayList<>();
        if (override != null) {
            if (!override.isEmpty()) cmd.add(override);
            cmd.addAll(b.spec().command());
        } else {
            cmd.addAll(b.image().entrypoint());
            cmd.addAll(b.spec().command().isEmpty() ? b.image().defaultCommand() : b.spec().command());
        }
        if (cmd.isEmpty()) {
            throw new EngineException("no command specified: give one after the image (for example: jlab run --rootfs "
                    + b.image().top() + " /bin/sh)");
        }
        return cmd;
    }

    /** The environment, {@code NAME=value}, in Docker's order. */
    public static List<String> environment(ContainerBuild b, Map<String, String> hostEnv) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : b.image().env()) put(env, e);
        env.put("HOSTNAME", b.hostname());
        if (b.spec().tty()) env.put("TERM", "xterm");
        for (String e : b.spec().env()) {
            if (e.contains("=")) {
                put(env, e);
            } else if (hostEnv.containsKey(e)) {
                env.put(e, hostEnv.get(e)); // -e NAME: the value from jlab's own environment
            }
        }
        env.putIfAbsent("HOME", SetUserStep.user(b).home());
        List<String> list = new ArrayList<>();
        env.forEach((k, v) -> list.add(k + "=" + v));
        return list;
    }

    private static void put(Map<String, String> env, String assignment) {
        int eq = assignment.indexOf('=');
        env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
    }

    private static String workdir(ContainerBuild b) {
        return b.spec().workdir() != null ? b.spec().workdir() : b.image().workdir();
    }

    @Override
    public Explanation explain(ContainerBuild b) {
        List<String> cmd = command(b);
        String typed = String.join(" ", cmd.stream().map(ExecStep::shellWord).toList());
        return new Explanation(
                "Become the command: the helper process is replaced by " + cmd.get(0) + ", and keeps its pid, namespaces,"
                        + " cgroup and root. PID 1 is now the user's program.",
                "chdir(\"" + workdir(b) + "\"); execve(\"" + cmd.get(0) + "\", argv, envp)",
                "cd " + shellWord(workdir(b)) + " && exec " + typed,
                "ps -o pid,cmd --ppid " + (b.hasHelper() ? b.helper().pid() : "HELPER") + " on the host: the command, as"
                        + " the reaper's child");
    }

    /** A word as it must be typed in a shell: {@code 'hostname; echo $$'} stays one word, unexpanded. */
    private static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_./:=@%+,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    @Override
    public void apply(ContainerBuild b) {
        List<String> cmd = command(b);
        List<List<String>> requests = new ArrayList<>();
        List<String> env = new ArrayList<>();
        env.add("env");
        env.addAll(environment(b, System.getenv()));
        requests.add(env);
        String dir = workdir(b);
        requests.addAll(makeDirs(dir));
        requests.add(List.of("chdir", dir));
        b.helper().pipeline(requests);
        try {
            b.helper().exec(cmd);
        } catch (KernelException e) {
            throw execFailure(cmd.get(0), e);
        }
    }

    /** -w DIR is created if the image lacks it, as Docker does: mkdir -p, one directory at a time. */
    private static List<List<String>> makeDirs(String dir) {
        List<List<String>> requests = new ArrayList<>();
        StringBuilder p = new StringBuilder();
        for (String part : dir.split("/")) {
            if (part.isEmpty()) continue;
            p.append('/').append(part);
            requests.add(List.of("mkdir", p.toString(), "755"));
        }
        return requests;
    }

    /** Docker's wording and codes: 127 when not found, 126 when not executable. */
    static EngineException execFailure(String command, KernelException e) {
        boolean notFound = "ENOENT".equals(e.errnoName());
        String what = notFound
                ? (command.contains("/") ? "no such file or directory" : "executable file not found in $PATH")
                : "EACCES".equals(e.errnoName()) ? "permission denied" : e.getMessage();
        return new EngineException("exec: \"" + command + "\": " + what
                + (e.hint() != null ? " (" + e.hint() + ")" : ""),
                notFound ? EngineException.NOT_FOUND : EngineException.NOT_EXECUTABLE, e);
    }
}
