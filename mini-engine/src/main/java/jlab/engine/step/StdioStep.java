package jlab.engine.step;

/**
 * Gives the container its standard streams. Without {@code -i}, Docker gives a
 * container /dev/null to read: it must not eat the input of the terminal (or
 * of a script of jlab commands) that started it. With {@code -t}, a
 * pseudo-terminal: the command sees a terminal (line editing, Ctrl-C, colours),
 * and the helper's reaper copies between it and yours.
 */
public final class StdioStep implements Step {
    /** Where the command's output and error go instead of jlab's own (a build's RUN), or null. */
    private final String output;

    public StdioStep() { this(null); }

    /**
     * A build's RUN: output and error appended to the host file {@code output} (opened by the helper now,
     * in the host's mount namespace, before the container has mounts of its own), input /dev/null.
     */
    public StdioStep(java.nio.file.Path output) { this.output = output == null ? null : output.toString(); }

    @Override
    public String name() { return "stdio"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        String pid = b.hasHelper() ? Long.toString(b.helper().pid()) : "PID";
        if (b.spec().tty()) {
            return new Explanation(
                    "A pseudo-terminal for the command" + (b.spec().interactive() ? ", fed with what you type (-it)." : " (-t)."),
                    "posix_openpt(O_RDWR); then in PID 1: setsid(); ioctl(slave, TIOCSCTTY); dup2(slave, 0..2)",
                    "script -q /dev/null (a shell under a new terminal)",
                    "ls -l /proc/" + pid + "/fd — a /dev/ptmx: the helper holds the terminal's master end");
        }
        if (output != null) {
            return new Explanation("Standard input from /dev/null; output and error appended to " + output + ", which"
                    + " jlab shows as it grows (a build's RUN).",
                    "dup2(open(\"/dev/null\", O_RDONLY), 0); dup2(open(\"" + output + "\", O_WRONLY|O_CREAT|O_APPEND), 1); ... 2",
                    "COMMAND < /dev/null >> " + output + " 2>&1",
                    "ls -l /proc/" + pid + "/fd");
        }
        boolean keep = b.spec().interactive();
        return new Explanation(
                keep ? "Keep standard input: the container reads what you type (-i)."
                        : "Standard input from /dev/null: without -i the container reads nothing.",
                keep ? "(nothing: fd 0 is inherited)" : "dup2(open(\"/dev/null\", O_RDONLY), 0)",
                keep ? "(inherited)" : "COMMAND < /dev/null",
                "ls -l /proc/" + pid + "/fd/0");
    }

    @Override
    public void apply(ContainerBuild b) {
        if (output != null) {
            b.helper().call("stdio", "/dev/null", output, output);
        } else if (b.spec().tty()) {
            // Detached, nobody types: the supervisor logs the terminal's output, and feeds it nothing.
            if (b.spec().interactive() && !b.spec().detach()) b.helper().call("pty", "stdin");
            else b.helper().call("pty");
        } else {
            b.helper().call("stdio", b.spec().interactive() && !b.spec().detach() ? "-" : "/dev/null", "-", "-");
        }
    }
}
