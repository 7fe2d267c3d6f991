package jlab.labs.model;

import java.util.List;
import java.util.Map;

/**
 * One graded check of a lab, as lab.yaml declares it.
 *
 * @param id       unique in the lab; what {@code requires}, results and gradebook columns name
 * @param title    what is checked, in a few words
 * @param points   what a pass earns (a partial earns part of it)
 * @param kind     the Java check that looks at the kernel ({@code uts-hostname}, {@code cgroup-limit}...)
 * @param with     the kind's parameters (the names and values the lab fixes: {@code hostname: jlab-uts})
 * @param requires checks that must pass first; if one did not, this one is skipped and names it
 * @param hint     the lab's own hint, shown when the check does not pass
 * @param line     where it starts in lab.yaml, for messages
 */
public record CheckSpec(String id, Text title, int points, String kind, Map<String, String> with,
                        List<String> requires, Text hint, int line) {
    public CheckSpec {
        with = Map.copyOf(with);
        requires = List.copyOf(requires);
    }
}
