package jlab.engine.step;

/**
 * What a step does, in three registers: the system call a C programmer would
 * write, the command a shell user would type, and where to look to see it.
 *
 * @param summary one sentence: what changes and why a container needs it
 * @param syscall e.g. {@code unshare(CLONE_NEWUTS)}
 * @param shell   e.g. {@code unshare --uts}
 * @param lookAt  e.g. {@code readlink /proc/PID/ns/uts — differs from the host's}
 */
public record Explanation(String summary, String syscall, String shell, String lookAt) {}
