package jlab.course.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every mistake found in the course's sources, each as "file:line: what is
 * wrong — what to do". The build reports them all at once (a writer fixes
 * five mistakes in one go, not one per build) and then fails.
 */
public final class Problems {
    private final Path root;
    private final List<String> found = new ArrayList<>();

    /** {@code root}: file names are shown relative to it (the module's directory). */
    public Problems(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public void add(Path file, int line, String message) {
        Path abs = file.toAbsolutePath().normalize();
        String name = abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
        found.add(name + ":" + line + ": " + message);
    }

    public List<String> all() { return List.copyOf(found); }

    public boolean isEmpty() { return found.isEmpty(); }

    /** Throws when there is any problem: Maven prints the message and the build fails. */
    public void failIfAny() {
        if (found.isEmpty()) return;
        throw new CourseException(found.size() + " mistake(s) in the course's sources:\n  "
                + String.join("\n  ", found));
    }
}
