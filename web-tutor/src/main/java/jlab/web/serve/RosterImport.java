package jlab.web.serve;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jlab.web.db.Students;
import jlab.web.security.Tokens;

/**
 * A roster file into the database, for the upload form and for
 * {@code jlab serve import-roster FILE}: the good rows in one transaction
 * (new students get a new token; those already there keep theirs, and their
 * submissions), every bad row reported with its line.
 */
public final class RosterImport {
    /** What happened: the tokens issued (shown once), the students refreshed, the rows refused. */
    public record Outcome(Map<String, String> issued, List<String> updated, List<RosterCsv.RowProblem> problems) {
        public String summary() {
            return issued.size() + " added, " + updated.size() + " already there (name and email refreshed, token kept), "
                    + problems.size() + (problems.size() == 1 ? " row" : " rows") + " refused";
        }
    }

    private final Students students;
    private final Clock clock;

    public RosterImport(Students students, Clock clock) {
        this.students = students;
        this.clock = clock;
    }

    /** Imports a file's bytes; a {@link RosterCsv.FileError} (nothing imported) for a file that is wrong as a whole. */
    public Outcome run(byte[] csv) {
        RosterCsv.Parsed parsed = RosterCsv.parse(csv);
        Students.Imported done = students.importRows(parsed.rows(), Tokens::random, clock.instant());
        return new Outcome(done.issued(), done.updated(), parsed.problems());
    }

    /** {@code student,token} lines, the form {@code jlab grade --tokens} reads. */
    public static String tokensCsv(Map<String, String> issued) {
        StringBuilder b = new StringBuilder("student,token\n");
        issued.forEach((s, t) -> b.append(s).append(',').append(t).append('\n'));
        return b.toString();
    }
}
