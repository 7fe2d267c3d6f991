package jlab.kernel.pty;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes of one session, found in /proc: field 6 of /proc/PID/stat is
 * the session id (the pid of its leader). A shell's background job lives in
 * its own process group, so killing the leader's group is not enough to end
 * everything that was started in a terminal; the session is.
 */
final class SessionMembers {
    private SessionMembers() {}

    static List<Long> of(Path procRoot, long sessionId) {
        List<Long> members = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(procRoot, "[0-9]*")) {
            for (Path dir : dirs) {
                long[] fields = statFields(dir.resolve("stat"));
                if (fields != null && fields[1] == sessionId) members.add(fields[0]);
            }
        } catch (IOException e) {
            return members; // /proc unreadable: nothing we can name
        }
        return members;
    }

    /** {pid, session, tty_nr} of a process, or null if it went away while we looked. */
    static long[] statFields(Path stat) {
        try {
            String text = Files.readString(stat);
            // The command name (field 2) is in parentheses and may hold spaces: fields start after the last ')'.
            String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
            long pid = Long.parseLong(text.substring(0, text.indexOf(' ')));
            // f[0] is field 3 (state): field N is f[N - 3]; 6 is the session, 7 the controlling terminal.
            return new long[] {pid, Long.parseLong(f[3]), Long.parseLong(f[4])};
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }
}
