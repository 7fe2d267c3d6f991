package jlab.kernel.syscall;

/**
 * A raw wait status from waitpid(2), decoded as a shell decodes it:
 * a process that exited gives its code; one killed by signal N gives 128 + N
 * (137 for SIGKILL), which is also what Docker reports.
 */
public record WaitStatus(int raw) {
    public boolean exited() { return (raw & 0x7f) == 0; }

    public boolean signaled() { return !exited() && (raw & 0x7f) != 0x7f; }

    public int exitCode() { return (raw >> 8) & 0xff; }

    public int signal() { return raw & 0x7f; }

    /** The exit code a shell would show. */
    public int shellCode() { return exited() ? exitCode() : 128 + signal(); }
}
