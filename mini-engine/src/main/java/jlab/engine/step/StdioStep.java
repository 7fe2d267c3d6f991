package jlab.engine.step;

/**
 * Gives the container its standard input. Without {@code -i}, Docker gives a
 * container /dev/null to read: it must not eat the input of the terminal (or
 * of a script of jlab commands) that started it.
 */
public final class StdioStep implements Step {
    @Override
    public String name() { return "stdio"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        boolean keep = b.spec().interactive();
        return new Explanation(
                keep ? "Keep standard input: the container reads what you type (-i)."
                        : "Standard input from /dev/null: without -i the container reads nothing.",
                keep ? "(nothing: fd 0 is inherited)" : "dup2(open(\"/dev/null\", O_RDONLY), 0)",
                keep ? "(inherited)" : "COMMAND < /dev/null",
                "ls -l /proc/" + (b.hasHelper() ? b.helper().pid() : "PID") + "/fd/0");
    }

    @Override
    public void apply(ContainerBuild b) {
        b.helper().call("stdio", b.spec().interactive() ? "-" : "/dev/null", "-", "-");
    }
}
