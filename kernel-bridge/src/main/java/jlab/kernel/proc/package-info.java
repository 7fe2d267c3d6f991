/**
 * Readers for /proc: what the kernel says about a process, parsed into small records.
 *
 * <p>/proc is not a disk: every file is written by the kernel at the moment it is
 * read, from the kernel's own structures. {@code cat /proc/self/status} shows the
 * process that runs {@code cat}. What this package reads, per process:
 *
 * <ul>
 *   <li>{@code /proc/PID/ns/*}: one symbolic link per namespace kind. Its text,
 *       {@code uts:[4026531838]}, names the namespace by an inode number; two
 *       processes share a namespace exactly when the numbers are equal
 *       ({@link jlab.kernel.proc.ProcFs#namespaces}).</li>
 *   <li>{@code /proc/PID/status}: name, state, parent, ids, capabilities, seccomp
 *       ({@link jlab.kernel.proc.ProcStatus}).</li>
 *   <li>{@code /proc/PID/mountinfo}: the mount table the process sees, one mount a
 *       line ({@link jlab.kernel.proc.MountInfo}).</li>
 *   <li>{@code /proc/PID/cgroup}: the cgroup of the process in each hierarchy
 *       ({@link jlab.kernel.proc.CgroupMembership}).</li>
 *   <li>{@code /proc/PID/uid_map}, {@code gid_map}: how the ids of its user namespace
 *       translate to the parent's ({@link jlab.kernel.proc.IdMapping}).</li>
 *   <li>{@code /proc/PID/cmdline}: its arguments, and the links {@code root},
 *       {@code cwd} and {@code exe}.</li>
 * </ul>
 *
 * <p>Two things to keep in mind. A process can exit between two reads: the readers
 * then throw a {@link jlab.kernel.KernelException} that says so. And several files
 * are written <em>for the reader</em>: uid_map, cgroup paths, pids and ids are
 * translated into the namespaces of the process that opens the file, so the same
 * file can read differently from the host and from inside a container.
 */
package jlab.kernel.proc;
