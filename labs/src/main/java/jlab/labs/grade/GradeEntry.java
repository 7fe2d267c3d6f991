package jlab.labs.grade;

import java.time.Duration;
import java.time.Instant;

/**
 * One row of the gradebook: a student's kept submission for one lab.
 *
 * @param file   the submission file it came from
 * @param lateBy how long after the deadline it was submitted; null when on time (or no deadline)
 */
public record GradeEntry(String student, String file, Instant submittedAt, Duration lateBy, SubmittedResult result) {
    public String lab() { return result.lab(); }
}
