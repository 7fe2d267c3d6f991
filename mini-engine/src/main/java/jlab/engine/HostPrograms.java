package jlab.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A host program jlab runs (iptables-restore, nft, ping, nsenter), found by
 * absolute path in the system's own directories — never through PATH, which
 * the user controls: a lab check must not run a student's {@code ping} that
 * always answers, and the engine must not run a stray {@code iptables}.
 */
public final class HostPrograms {
    static final List<String> DIRS = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin", "/usr/local/sbin");

    private HostPrograms() {}

    /** The program's absolute path, or null when none of the system directories has it. */
    public static String find(String program) {
        for (String d : DIRS) {
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }

    /** The directories searched, for a message that says where jlab looked. */
    public static List<String> dirs() { return DIRS; }
}
