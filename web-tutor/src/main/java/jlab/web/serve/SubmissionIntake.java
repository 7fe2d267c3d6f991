package jlab.web.serve;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import jlab.labs.grade.Gradebook;
import jlab.labs.grade.Refusal;
import jlab.labs.grade.ResultAudit;
import jlab.labs.grade.Submission;
import jlab.labs.grade.SubmissionEnvelope;
import jlab.labs.model.Lab;
import jlab.web.ClientError;
import jlab.web.db.DatabaseException;
import jlab.web.db.Labs;
import jlab.web.db.Students;
import jlab.web.db.Submissions;

/**
 * {@code POST /api/submissions}: what {@code jlab lab submit} sends (labs/README.md, "The server's side").
 *
 * <ol>
 *   <li>the bearer token finds its student (401 without one, or for a token nobody holds);</li>
 *   <li>the body is opened by labs' {@link SubmissionEnvelope#open} with that token: the HMAC is checked over
 *       the bytes as received, never after re-parsing (400 not JSON or cut short, 422 another schema or tampered);</li>
 *   <li>its {@code student} must be the token's owner (403: a token signs for its own student only);</li>
 *   <li>the result must add up and be about one of the server's labs, with that lab's checks and points — labs'
 *       {@link ResultAudit}, as {@code jlab grade} does (422 otherwise: a signature proves who sent it, not that
 *       its numbers are jlab's, since the student holds the token that signs);</li>
 *   <li>the same bytes again, or the same student, lab and {@code submitted_at}, is a replay: 409, nothing changed;</li>
 *   <li>stored as received, with its score; late when received after the lab's deadline — by the server's clock,
 *       since the student's {@code submitted_at} comes from a clock the student sets.</li>
 * </ol>
 */
public final class SubmissionIntake {
    public static final String RECEIPT_SCHEMA = "jlab.receipt/v1";
    public static final int MAX_BYTES = 1 << 20;
    private static final Pattern LAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final Students students;
    private final Submissions submissions;
    private final Labs labs;
    private final Function<String, Optional<Lab>> catalogue;
    private final Clock clock;

    /** @param catalogue the labs the server grades, by id */
    public SubmissionIntake(Students students, Submissions submissions, Labs labs, Function<String, Optional<Lab>> catalogue, Clock clock) {
        this.students = students;
        this.submissions = submissions;
        this.labs = labs;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** Takes one submission; its receipt (the 201's JSON body), or a {@link ClientError}. */
    public Map<String, Object> take(String authorization, byte[] body) {
        String token = bearer(authorization);
        Students.Student owner = students.byToken(token).orElseThrow(() -> ClientError.unauthorized(
                "the server knows no such token: check --token (the instructor can give you a new one)"));
        if (body.length > MAX_BYTES) throw new ClientError(413, "the submission is over " + MAX_BYTES / 1024 + " KiB: lab submit writes a few KiB");
        Submission s = open(body, token);
        if (!s.student().equals(owner.student())) {
            throw ClientError.forbidden("this submission is signed for '" + s.student() + "', but the token is '"
                    + owner.student() + "'s: each student submits with their own token");
        }
        if (s.lab().length() > 64 || !LAB.matcher(s.lab()).matches()) {
            throw new ClientError(422, "lab: '" + s.lab() + "' is not a lab id (lower-case letters, digits and dashes)");
        }
        audit(s);
        submissions.original(body, s.student(), s.lab(), s.submittedAt()).ifPresent(SubmissionIntake::replay);
        Instant received = clock.instant();
        long id;
        try {
            id = submissions.add(s.student(), s.lab(), s.submittedAt(), received, s.result().score(), s.result().maxScore(),
                    s.result().passed(), body);
        } catch (DatabaseException e) {
            if (!e.duplicate()) throw e;
            // The same replay, sent twice at once: the other request stored it first.
            throw submissions.original(body, s.student(), s.lab(), s.submittedAt()).map(SubmissionIntake::replayError)
                    .orElseThrow(() -> e);
        }
        return receipt(id, s, received, labs.deadline(s.lab()));
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.substring(7).isBlank()) {
            throw ClientError.unauthorized("no token: send Authorization: Bearer TOKEN (jlab lab submit ID --server URL --token T)");
        }
        return authorization.substring(7).strip();
    }

    private static Submission open(byte[] body, String token) {
        try {
            return SubmissionEnvelope.open(body, token);
        } catch (Refusal r) {
            int status = r.kind() == Refusal.Kind.MALFORMED || r.kind() == Refusal.Kind.TRUNCATED ? 400 : 422;
            throw new ClientError(status, r.kind().word() + ": " + r.reason());
        }
    }

    /** The result against itself and its lab: 422 with the audit's one line (inconsistent, unknown-lab). */
    private void audit(Submission s) {
        try {
            ResultAudit.check(s.result(), catalogue);
        } catch (Refusal r) {
            throw new ClientError(422, r.kind().word() + ": " + r.reason());
        }
    }

    private static void replay(Submissions.Stored original) {
        throw replayError(original);
    }

    private static ClientError replayError(Submissions.Stored original) {
        return new ClientError(409, "already received: " + original.student() + "'s " + original.lab() + " submitted at "
                + original.submittedAt() + " is submission " + original.id() + " (received " + original.receivedAt()
                + "); a replay changes nothing — run jlab lab submit again for a new one");
    }

    private static Map<String, Object> receipt(long id, Submission s, Instant received, Optional<Instant> deadline) {
        Duration late = deadline.filter(received::isAfter).map(d -> Duration.between(d, received)).orElse(null);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("schema", RECEIPT_SCHEMA);
        r.put("id", id);
        r.put("student", s.student());
        r.put("lab", s.lab());
        r.put("score", s.result().score());
        r.put("max_score", s.result().maxScore());
        r.put("passed", s.result().passed());
        r.put("submitted_at", s.submittedAt().toString());
        r.put("received_at", received.toString());
        r.put("late", late != null);
        r.put("late_by", late == null ? null : Gradebook.duration(late));
        return r;
    }
}
