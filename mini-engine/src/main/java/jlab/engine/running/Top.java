package jlab.engine.running;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jlab.kernel.KernelException;
import jlab.kernel.proc.ProcFs;
import jlab.kernel.proc.ProcStat;
import jlab.kernel.proc.ProcStatus;

/**
 * {@code jlab top}: the processes of a container, as the host sees them. The
 * list comes from the container's cgroup ({@code cgroup.procs}: every process
 * the kernel counts against it, whatever its PID namespace says), and each
 * process is read from /proc/PID: {@code status} for its user and its pid in
 * each PID namespace (NSpid), {@code stat} for its CPU time, {@code cmdline}.
 */
public final class Top {
    /**
     * One process.
     *
     * @param user      its effective user on the host (a name from the host's /etc/passwd, or the uid)
     * @param pid       its pid on the host
     * @param ppid      its parent's pid on the host
     * @param pidInside its pid in the container's PID namespace (the last NSpid): 1 for the container's init
     * @param cpuMillis user + system CPU time
     * @param command   its command line, or {@code [comm]} when it has none (a zombie)
     */
    public record Process(String user, long pid, long ppid, long pidInside, long cpuMillis, String command) {
        /** {@code hh:mm:ss}, as ps prints TIME. */
        public String time() {
            long s = cpuMillis / 1000;
            return String.format("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
    }

    private final ProcFs proc;
    private final Path passwd;

    public Top() { this(ProcFs.host(), Path.of("/etc/passwd")); }

    Top(ProcFs proc, Path passwd) {
        this.proc = proc;
        this.passwd = passwd;
    }

    public List<Process> processes(LiveContainer c) {
        c.requireRunning();
        Map<Long, String> users = users();
        List<Process> list = new ArrayList<>();
        for (long pid : c.requireCgroup().processes()) {
            try {
                ProcStatus status = proc.status(pid);
                ProcStat stat = proc.stat(pid);
                List<String> cmdline = proc.cmdline(pid);
                long uid = status.effectiveUid();
                list.add(new Process(users.getOrDefault(uid, Long.toString(uid)), pid, stat.ppid(),
                        status.pidInInnermostNamespace(), stat.cpuMillis(),
                        cmdline.isEmpty() ? "[" + stat.comm() + "]" : String.join(" ", cmdline)));
            } catch (KernelException exited) {
                // it exited between the list and the read: it is no longer a process of the container
            }
        }
        return list;
    }

    /** uid -> name, from the host's /etc/passwd (as ps shows users). */
    private Map<Long, String> users() {
        Map<Long, String> users = new HashMap<>();
        try {
            for (String line : Files.readAllLines(passwd)) {
                String[] f = line.split(":");
                if (f.length > 2 && f[2].matches("\\d+")) users.putIfAbsent(Long.parseLong(f[2]), f[0]);
            }
        } catch (IOException e) {
            // no /etc/passwd: uids then
        }
        return users;
    }
}
