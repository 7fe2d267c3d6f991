package jlab.labs.check;

import java.util.List;

import jlab.labs.model.Text;

/**
 * What one check found.
 *
 * @param status   pass, partial or fail (error and skipped are decided by the runner)
 * @param credit   the share of the points earned: 1 for a pass, between 0 and 1 for a partial, 0 otherwise
 * @param message  what it saw, in one sentence
 * @param evidence the kernel's own words
 * @param hint     a hint derived from this particular failure, or null (the lab's own hint is added by the runner)
 */
public record Outcome(Status status, double credit, Text message, List<Evidence> evidence, Text hint) {
    public Outcome {
        evidence = List.copyOf(evidence);
    }

    public static Outcome pass(Text message, List<Evidence> evidence) {
        return new Outcome(Status.PASS, 1, message, evidence, null);
    }

    public static Outcome partial(double credit, Text message, List<Evidence> evidence, Text hint) {
        return new Outcome(Status.PARTIAL, credit, message, evidence, hint);
    }

    public static Outcome fail(Text message, List<Evidence> evidence, Text hint) {
        return new Outcome(Status.FAIL, 0, message, evidence, hint);
    }
}
