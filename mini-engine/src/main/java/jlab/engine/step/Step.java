package jlab.engine.step;

/**
 * One step of making a container: one kernel operation a student can name.
 *
 * A step can apply itself, undo itself, and explain itself. The plan for
 * {@code run} and the REPL's step-by-step mode execute the very same objects,
 * so what a student watches is what the engine really does.
 */
public interface Step {

    /** A short name, as a student would type it: {@code "unshare uts"}, {@code "pivot-root"}. */
    String name();

    /** The syscall, the equivalent shell command, and what to look at afterwards. */
    Explanation explain(ContainerBuild build);

    /** Does it. Throws {@link jlab.kernel.KernelException} when the kernel refuses. */
    void apply(ContainerBuild build);

    /**
     * Undoes what {@link #apply} made on the host, where anything outlives the
     * container's processes (a cgroup, a directory). Steps whose effect lives
     * only inside the container's namespaces have nothing to undo: the kernel
     * removes a namespace, and every mount in it, when its last process exits.
     */
    default void undo(ContainerBuild build) {}

    /** Whether this step runs in the native helper's process (inside the future container). */
    default boolean inHelper() { return true; }
}
