package jlab.labs.model;

import java.util.Map;

/**
 * One thing {@code lab start} prepares or {@code lab reset} removes
 * ({@code kind: directory, path: /srv/jlab/data}).
 *
 * @param kind what to do; the kinds are listed in {@code jlab.labs.run.Fixtures} and {@code Resets}
 * @param with its parameters
 * @param line where it is in lab.yaml
 */
public record Action(String kind, Map<String, String> with, int line) {
    public Action {
        with = Map.copyOf(with);
    }

    public String get(String name) { return with.get(name); }
}
