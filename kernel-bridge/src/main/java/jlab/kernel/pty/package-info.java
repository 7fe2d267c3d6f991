/**
 * Pseudo-terminals: a program on a terminal that jlab drives, as xterm or
 * tmux do. The web tutor's terminal is one of these.
 *
 * <p>Entry point: {@link jlab.kernel.pty.PtyProcess#start}, which opens a
 * {@link jlab.kernel.pty.Pty} (posix_openpt, grantpt, unlockpt, ptsname) and
 * starts the program in a new session whose controlling terminal is the
 * pty's slave (posix_spawn with {@code POSIX_SPAWN_SETSID}, then opening the
 * slave: see {@code SessionSpawn} for why this and not fork, nor
 * ProcessBuilder). It then reads, types and resizes
 * ({@code ioctl(TIOCSWINSZ)}, which sends SIGWINCH).
 *
 * <h2>Ending a terminal</h2>
 * <ol>
 *   <li>Close the master: the kernel hangs the terminal up and sends SIGHUP
 *       to its session leader and foreground job.</li>
 *   <li>After a grace period, SIGKILL the leader's process group and every
 *       process still in the session (a background job has its own group).</li>
 *   <li>Reap the leader (it is our child): no zombie, and no descriptor of
 *       ours left open — the tests count {@code /proc/self/fd}.</li>
 * </ol>
 */
package jlab.kernel.pty;
