package jlab.labs.check;

import java.util.Map;

import jlab.labs.host.HostView;

/**
 * What a check may look at: the host, and the facts {@code lab start} noted
 * before the student began (the host's hostname, say), so that "unchanged"
 * can be checked against what it really was.
 */
public record CheckContext(HostView host, Map<String, String> recorded) {
    public CheckContext {
        recorded = Map.copyOf(recorded);
    }
}
