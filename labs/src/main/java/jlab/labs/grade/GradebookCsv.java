package jlab.labs.grade;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * gradebook.csv (RFC 4180, LF line ends): student, lab, score, max, time
 * (submitted at, UTC), late (how late, empty when on time), then one column
 * per check — {@code lab/check}, labs sorted, checks in the lab's order —
 * holding the points that check earned (empty for another lab's row).
 */
public final class GradebookCsv {
    private GradebookCsv() {}

    public static String write(Gradebook book) {
        List<Gradebook.Column> columns = book.columns();
        StringBuilder b = new StringBuilder("student,lab,score,max,time,late");
        for (Gradebook.Column c : columns) b.append(',').append(cell(c.header()));
        b.append('\n');
        for (GradeEntry e : book.entries()) {
            Map<String, SubmittedResult.Check> checks = new HashMap<>();
            e.result().checks().forEach(c -> checks.put(c.id(), c));
            b.append(cell(e.student())).append(',').append(cell(e.lab())).append(',')
                    .append(Gradebook.number(e.result().score())).append(',').append(e.result().maxScore()).append(',')
                    .append(e.submittedAt()).append(',').append(e.lateBy() == null ? "" : Gradebook.duration(e.lateBy()));
            for (Gradebook.Column c : columns) {
                b.append(',');
                SubmittedResult.Check check = c.lab().equals(e.lab()) ? checks.get(c.check()) : null;
                if (check != null) b.append(Gradebook.number(check.score()));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** Quoted when it holds a comma, a quote or a line end; a quote doubled. */
    public static String cell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
