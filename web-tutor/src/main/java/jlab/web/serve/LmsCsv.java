package jlab.web.serve;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jlab.labs.grade.GradebookCsv;
import jlab.labs.grade.Gradebook;
import jlab.web.db.Students;

/**
 * The gradebook as the CSV a learning platform imports: one row per roster
 * student, one column per lab, each holding the score of the student's latest
 * submission (or the best, when asked); empty where nothing was submitted.
 *
 * <ul>
 *   <li><b>Moodle</b> (Grades → Import → CSV file): {@code username,email}, then one column per lab.
 *       On import, "Map from" the identifier column to the matching user field (Username or Email address),
 *       and each lab column to a grade item.</li>
 *   <li><b>Canvas</b> (Grades → Import): {@code Student,ID,SIS User ID,SIS Login ID,Section}, then one column per
 *       lab; the second row is Canvas's "Points Possible". Canvas matches students by ID, SIS User ID or SIS
 *       Login ID: ID (Canvas's own number) is left empty, SIS User ID holds the roster name and SIS Login ID
 *       the email. A column header without Canvas's "(number)" makes a new assignment on the first import.</li>
 * </ul>
 */
public final class LmsCsv {
    /** Which submission's score a cell holds. */
    public enum Score {
        LATEST, BEST;

        double of(ClassGradebook.Cell c) { return this == BEST ? c.best() : c.latest(); }
    }

    private LmsCsv() {}

    public static String moodle(ClassGradebook book, Score score) {
        return write(book, score, List.of("username", "email"), s -> List.of(s.student(), s.email()), null);
    }

    public static String canvas(ClassGradebook book, Score score) {
        List<String> fixed = List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section");
        return write(book, score, fixed, s -> List.of(s.name(), "", s.student(), s.email(), ""), "    Points Possible");
    }

    private static String write(ClassGradebook book, Score score, List<String> fixed,
                                Function<Students.Student, List<String>> identity, String pointsRow) {
        StringBuilder b = new StringBuilder();
        line(b, fixed, book.labs());
        if (pointsRow != null) {
            List<String> blanks = new java.util.ArrayList<>(List.of(pointsRow));
            for (int i = 1; i < fixed.size(); i++) blanks.add("");
            line(b, blanks, book.labs().stream().map(l -> maxOf(book, l).map(String::valueOf).orElse("")).toList());
        }
        for (Students.Student s : book.students()) {
            List<String> scores = book.labs().stream()
                    .map(l -> book.cell(s.student(), l).map(c -> Gradebook.number(score.of(c))).orElse("")).toList();
            line(b, identity.apply(s), scores);
        }
        return b.toString();
    }

    private static Optional<Integer> maxOf(ClassGradebook book, String lab) {
        return book.students().stream().flatMap(s -> book.cell(s.student(), lab).stream())
                .map(ClassGradebook.Cell::maxScore).max(Integer::compare);
    }

    private static void line(StringBuilder b, List<String> first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(rest);
        b.append(String.join(",", all.stream().map(GradebookCsv::cell).toList())).append('\n');
    }
}
