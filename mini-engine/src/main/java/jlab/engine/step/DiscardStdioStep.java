package jlab.engine.step;

/**
 * {@code exec -d}: the command runs in the background, with nobody to read
 * what it writes or to type to it. Its standard streams are /dev/null, as
 * Docker gives a detached exec (the container's own /dev/null: the helper
 * has joined its mount namespace by then).
 */
public final class DiscardStdioStep implements Step {
    @Override
    public String name() { return "stdio"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        return new Explanation("Detached (-d): standard input, output and error are /dev/null.",
                "dup2(open(\"/dev/null\"), 0); dup2(open(\"/dev/null\", O_WRONLY), 1); ... 2",
                "COMMAND < /dev/null > /dev/null 2>&1 &",
                "ls -l /proc/" + (b.hasHelper() ? b.helper().pid() : "PID") + "/fd");
    }

    @Override
    public void apply(ContainerBuild b) {
        b.helper().call("stdio", "/dev/null", "/dev/null", "/dev/null");
    }
}
