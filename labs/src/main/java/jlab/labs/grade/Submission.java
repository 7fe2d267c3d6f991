package jlab.labs.grade;

import java.time.Instant;

/**
 * A {@code jlab.submission/v1} opened by {@link SubmissionEnvelope#open}: who
 * sent which lab when, and the result it carries. {@code verified} says
 * whether its HMAC was checked against the student's token.
 */
public record Submission(String student, String lab, Instant submittedAt, SubmittedResult result, boolean verified) {}
