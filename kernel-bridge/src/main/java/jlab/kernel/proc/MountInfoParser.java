package jlab.kernel.proc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jlab.kernel.KernelException;

/**
 * Parses /proc/PID/mountinfo. Fields are separated by single spaces; the number of
 * optional fields (7) varies from line to line, so the fields after them are found
 * from the lone {@code -} that ends them, never by position. Paths and the source
 * are octal-escaped ({@link OctalEscapes}), which is what makes splitting at spaces safe.
 */
final class MountInfoParser {
    private MountInfoParser() {}

    static List<MountInfo> parse(String text) {
        List<MountInfo> mounts = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) mounts.add(parseLine(line));
        }
        return List.copyOf(mounts);
    }

    static MountInfo parseLine(String line) {
        // -1 keeps empty fields: a filesystem mounted with an empty source shows "- tmpfs  rw".
        String[] f = line.split(" ", -1);
        int separator = Arrays.asList(f).subList(Math.min(6, f.length), f.length).indexOf("-") + 6;
        if (f.length < 9 || separator < 6 || separator + 2 >= f.length) {
            throw KernelException.of("parse", "mountinfo", "not a mountinfo line (no ' - ' separator): " + line);
        }
        return new MountInfo(
                Integer.parseInt(f[0]),
                Integer.parseInt(f[1]),
                f[2],
                OctalEscapes.unescape(f[3]),
                OctalEscapes.unescape(f[4]),
                f[5],
                Arrays.asList(f).subList(6, separator),
                OctalEscapes.unescape(f[separator + 1]),
                OctalEscapes.unescape(f[separator + 2]),
                separator + 3 < f.length ? f[separator + 3] : "");
    }
}
