package jlab.labs.grade;

/**
 * A result or a submission that cannot be graded, with the reason in one
 * line: what is wrong, where, and (when it helps) what to do. The grader
 * turns it into a line of the gradebook's problems; it is never a crash.
 */
public final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of trouble: the gradebook's problems are sorted and counted by it. */
    public enum Kind {
        /** Not JSON, or not the JSON jlab writes (a field missing, of the wrong type). */
        MALFORMED,
        /** The file ends before the JSON closes: a copy or an upload cut short. */
        TRUNCATED,
        /** Another schema or schema version than this jlab reads. */
        SCHEMA,
        /** A result for another lab than the one expected. */
        WRONG_LAB,
        /** The HMAC does not match: changed after {@code lab submit} wrote it, or signed with another token. */
        TAMPERED,
        /** A student the roster does not know. */
        UNKNOWN_STUDENT,
        /** The numbers of a result do not add up (a score above its max, a total that is not the sum, passed with a check that failed). */
        INCONSISTENT,
        /** A lab, a version of it or checks this jlab does not have. */
        UNKNOWN_LAB,
        /** The same student and lab again: only the latest is kept. */
        DUPLICATE,
        /** After the deadline: kept in the gradebook, but marked. */
        LATE;

        /** {@code "unknown-student"}, as the gradebook writes it. */
        public String word() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }
    }

    private final Kind kind;

    public Refusal(Kind kind, String reason) {
        super(reason);
        this.kind = kind;
    }

    public Kind kind() { return kind; }

    /** The reason, in one line. */
    public String reason() { return getMessage(); }
}
