package jlab.labs.grade;

import java.util.List;

/**
 * A lab across the gradebook: how many students, their mean score, and the
 * checks that fail most (those a lecture should come back to).
 *
 * @param failing every check that did not pass for someone, most failed first (then by the lab's order)
 */
public record LabStatistics(String lab, int students, double meanScore, int maxScore, int allPassed,
                            List<FailingCheck> failing) {
    public LabStatistics {
        failing = List.copyOf(failing);
    }

    /** A check and how many of the lab's students did not pass it ({@code fail}, {@code partial}, {@code error}, {@code skipped}). */
    public record FailingCheck(String id, String name, int notPassed) {}
}
