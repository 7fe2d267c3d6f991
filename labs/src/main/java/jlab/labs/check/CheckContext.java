package jlab.labs.check;

import java.util.Map;
import java.util.function.Function;

import jlab.engine.HostPrograms;
import jlab.labs.host.HostView;

/**
 * What a check may look at: the host, the facts {@code lab start} noted
 * before the student began (the host's hostname, say), so that "unchanged"
 * can be checked against what it really was, and where the system's programs
 * are ({@code ping}, {@code nsenter}).
 *
 * @param programs a program's absolute path in the system's directories, or null when it is not installed
 */
public record CheckContext(HostView host, Map<String, String> recorded, Function<String, String> programs) {
    public CheckContext {
        recorded = Map.copyOf(recorded);
    }

    /** The real host's programs ({@link HostPrograms}: never the student's PATH). */
    public CheckContext(HostView host, Map<String, String> recorded) {
        this(host, recorded, HostPrograms::find);
    }
}
