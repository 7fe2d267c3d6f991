package jlab.engine.view;

/**
 * What the inspection commands ({@code ns}, {@code mounts}, {@code cgroup},
 * {@code net}, {@code ps NAME}) look at: one process of a container, seen
 * from the host — a running container's PID 1, or the helper of a container
 * still under construction — and the container's cgroup, once it has one.
 *
 * @param name   the container's name, as the user typed it
 * @param pid    the process on the host: its /proc/PID/ns, mountinfo, cgroup
 * @param cgroup the container's cgroup, relative to the hierarchy's root
 *               ({@code jlab/ID}); null before the cgroup step
 */
public record ViewTarget(String name, long pid, String cgroup) {}
