package jlab.engine.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A process, named so that a reused pid is not mistaken for it: its pid and its
 * start time (field 22 of /proc/PID/stat, in clock ticks since boot). A crashed
 * jlab's pid may be given to another process later; the pair never repeats.
 */
public record ProcessIdentity(long pid, long startTime) {

    public static ProcessIdentity current() {
        long pid = ProcessHandle.current().pid();
        return new ProcessIdentity(pid, startTimeOf(Path.of("/proc"), pid));
    }

    public static ProcessIdentity of(long pid) {
        return new ProcessIdentity(pid, startTimeOf(Path.of("/proc"), pid));
    }

    /**
     * Whether this very process still runs (not a zombie, not a newer process with
     * the same pid). Asked of the kernel each time, never stored in state.json.
     */
    @JsonIgnore
    public boolean isAlive() { return isAlive(Path.of("/proc")); }

    boolean isAlive(Path procRoot) {
        if (pid <= 0) return false;
        String stat = readStat(procRoot, pid);
        if (stat == null) return false;
        String[] f = fieldsAfterComm(stat);
        return f.length > 19 && !f[0].equals("Z") && Long.parseLong(f[19]) == startTime;
    }

    static long startTimeOf(Path procRoot, long pid) {
        String stat = readStat(procRoot, pid);
        if (stat == null) return -1;
        String[] f = fieldsAfterComm(stat);
        return f.length > 19 ? Long.parseLong(f[19]) : -1;
    }

    /** The fields after "(comm)", which may itself hold spaces and parentheses: f[0] is field 3, state. */
    private static String[] fieldsAfterComm(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    private static String readStat(Path procRoot, long pid) {
        try {
            return Files.readString(procRoot.resolve(Long.toString(pid)).resolve("stat"));
        } catch (IOException e) {
            return null;
        }
    }
}
