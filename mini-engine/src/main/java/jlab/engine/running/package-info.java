/**
 * What one can do to a container that runs, whoever started it: join it
 * ({@code exec}), look at it from the host ({@code top}, {@code stats},
 * {@code inspect}) and freeze it ({@code pause}, {@code unpause}).
 *
 * <p>Everything here starts from what the state directory records of a
 * container (its state.json: the host pid of its PID 1, its cgroup; its
 * config.json: the spec) and then asks the kernel: /proc/PID for its
 * namespaces, mounts and processes, the cgroup's files for its processes,
 * usage, limits and freezer. Nothing is kept in memory between two jlab
 * commands, so a container started by another jlab process is seen the same.
 */
package jlab.engine.running;
