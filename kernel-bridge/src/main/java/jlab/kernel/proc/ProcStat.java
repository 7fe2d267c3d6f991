package jlab.kernel.proc;

/**
 * What /proc/PID/stat says about a process's scheduling: one line of numbers,
 * after the command name in parentheses (which may itself hold spaces and
 * parentheses, so the fields start after the <em>last</em> {@code ")"}).
 * {@code ps} and {@code top} read this file.
 *
 * @param comm      (2) the command name, without its parentheses
 * @param state     (3) R, S, D, T, Z... as in {@link ProcStatus#state()}
 * @param ppid      (4) the parent, as the reader's PID namespace numbers it
 * @param utime     (14) CPU time spent in user mode, in clock ticks (USER_HZ, 100 a second on Linux)
 * @param stime     (15) CPU time spent in the kernel on its behalf, in clock ticks
 * @param startTime (22) when it started, in clock ticks since boot
 */
public record ProcStat(String comm, char state, long ppid, long utime, long stime, long startTime) {
    /** The unit of utime, stime and startTime: USER_HZ, which Linux fixes at 100 for user space. */
    public static final long TICKS_PER_SECOND = 100;

    /** Parses the text of /proc/PID/stat. */
    public static ProcStat parse(String text, String file) {
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 0 || close < open) throw new IllegalArgumentException(file + ": no (comm) in '" + text + "'");
        String[] f = text.substring(close + 1).trim().split(" +");
        if (f.length < 20) throw new IllegalArgumentException(file + ": only " + (f.length + 2) + " fields");
        // f[0] is field 3 (state): field N is f[N - 3].
        return new ProcStat(text.substring(open + 1, close), f[0].charAt(0), Long.parseLong(f[1]),
                Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[19]));
    }

    /** User plus system CPU time, in milliseconds. */
    public long cpuMillis() {
        return (utime + stime) * 1000 / TICKS_PER_SECOND;
    }
}
