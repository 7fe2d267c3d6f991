package jlab.labs.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jlab.labs.model.Action;

/**
 * /etc/subuid and /etc/subgid: the ranges of ids a user may map into a user
 * namespace through the setuid helpers newuidmap(1) and newgidmap(1), which
 * {@code unshare --map-users} calls. A line {@code root:100000:65536} lets
 * root map 65536 ids from 100000. (The kernel itself needs none of this: a
 * process with CAP_SETUID over the parent namespace may write any uid_map;
 * the files are the policy of the helpers.) {@code lab start} adds the
 * lab's line when it is missing and {@code lab reset} takes away only a line
 * it added.
 */
final class SubIds {
    static final List<Path> FILES = List.of(Path.of("/etc/subuid"), Path.of("/etc/subgid"));

    private SubIds() {}

    static String line(Action a) { return a.get("user") + ":" + a.get("start") + ":" + a.get("count"); }

    static String recordKey(Path file) { return "added." + file.getFileName(); }

    /** Appends the line unless the file has it; true when it was added. */
    static boolean add(Path file, String line) {
        List<String> lines = read(file);
        if (lines.contains(line)) return false;
        lines.add(line);
        write(file, lines);
        return true;
    }

    /** Removes the line; true when it was there. */
    static boolean remove(Path file, String line) {
        List<String> lines = read(file);
        if (!lines.remove(line)) return false;
        write(file, lines);
        return true;
    }

    private static List<String> read(Path file) {
        try {
            return Files.exists(file) ? new ArrayList<>(Files.readAllLines(file)) : new ArrayList<>();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, List<String> lines) {
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
