/**
 * Control groups: the kernel's way to limit, meter, freeze and kill a group of
 * processes as one. A container's "--memory 32m" is a number in a cgroup file.
 *
 * <p>Entry point: {@link jlab.kernel.cgroup.CgroupDriver#detect()}, which reads
 * the mount table and returns the v2 or v1 driver; both hand out
 * {@link jlab.kernel.cgroup.Cgroup}s with the same methods.
 *
 * <h2>The order that matters</h2>
 * <ol>
 *   <li>Create the cgroup and write its limits first.</li>
 *   <li>Move the container's first process in ({@code addProcess}) before it
 *       execs the container's command. Its children are then born inside, and
 *       every page it touches is charged there: memory used before the move
 *       stays charged to the old cgroup.</li>
 *   <li>To stop: {@code killAll} (it returns when the cgroup is empty), then
 *       {@code delete}. rmdir of a cgroup that still holds a process fails with
 *       EBUSY; {@code delete} retries for a moment, since the last process may
 *       still be exiting.</li>
 * </ol>
 *
 * <h2>The two versions</h2>
 * <table>
 *   <caption>What each limit becomes</caption>
 *   <tr><th>limit</th><th>v2 file (one directory)</th><th>v1 file (one tree per controller)</th></tr>
 *   <tr><td>memory</td><td>memory.max</td><td>memory/memory.limit_in_bytes</td></tr>
 *   <tr><td>swap</td><td>memory.swap.max (swap alone)</td><td>memory/memory.memsw.limit_in_bytes (memory + swap)</td></tr>
 *   <tr><td>cpu quota</td><td>cpu.max "50000 100000"</td><td>cpu/cpu.cfs_period_us, cpu/cpu.cfs_quota_us</td></tr>
 *   <tr><td>cpu weight</td><td>cpu.weight 1..10000</td><td>cpu/cpu.shares 2..262144</td></tr>
 *   <tr><td>pids</td><td>pids.max</td><td>pids/pids.max</td></tr>
 *   <tr><td>freeze</td><td>cgroup.freeze</td><td>freezer/freezer.state</td></tr>
 *   <tr><td>kill all</td><td>cgroup.kill</td><td>(none: freeze, kill each, thaw)</td></tr>
 * </table>
 */
package jlab.kernel.cgroup;
