package jlab.web.serve;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jlab.labs.grade.SubmissionEnvelope;
import jlab.web.db.Students;

/**
 * A roster file: CSV in UTF-8, a header naming the columns {@code student},
 * {@code name} and {@code email} (in any order; other columns are ignored),
 * then one student per line. {@code student} is the name the student submits
 * under (as {@code jlab lab submit --student} takes it: a letter or digit, then
 * letters, digits, {@code . _ - @}, at most 64).
 *
 * <p>A file-level error (not UTF-8, no header, a column missing) imports
 * nothing; a bad row is reported with its line number and why, and the good
 * rows are imported.
 */
public final class RosterCsv {
    public static final List<String> COLUMNS = List.of("student", "name", "email");
    /** An address: something, one @, a domain with a dot; no spaces. Enough to catch a column put in the wrong place. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;]+@[^@\\s,;]+\\.[^@\\s,;]+");

    /** A refused row: its line in the file and why. */
    public record RowProblem(int line, String reason) {
        @Override
        public String toString() { return "line " + line + ": " + reason; }
    }

    public record Parsed(List<Students.Row> rows, List<RowProblem> problems) {}

    /** The whole file refused: nothing of it is imported. */
    public static final class FileError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FileError(String message) { super(message, null, false, false); }
    }

    private RosterCsv() {}

    public static Parsed parse(byte[] bytes) {
        String text = utf8(bytes);
        List<CsvRecords.Record> records = CsvRecords.split(text);
        records.removeIf(CsvRecords.Record::blank);
        if (records.isEmpty()) throw new FileError("the file is empty: a roster starts with the header student,name,email");
        Map<String, Integer> column = header(records.get(0));
        List<Students.Row> rows = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CsvRecords.Record r : records.subList(1, records.size())) {
            String problem = check(r, column, seen);
            if (problem != null) {
                problems.add(new RowProblem(r.line(), problem));
                continue;
            }
            rows.add(new Students.Row(field(r, column, "student"), field(r, column, "name"), field(r, column, "email")));
        }
        return new Parsed(rows, problems);
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new FileError("the file is not UTF-8 text: save it as \"CSV UTF-8\" and import it again");
        }
    }

    private static Map<String, Integer> header(CsvRecords.Record first) {
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < first.fields().size(); i++) column.putIfAbsent(first.fields().get(i).strip().toLowerCase(Locale.ROOT), i);
        List<String> missing = COLUMNS.stream().filter(c -> !column.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new FileError("line " + first.line() + ": the header has no column " + String.join(", ", missing)
                    + " (a roster starts with the header student,name,email)");
        }
        return column;
    }

    /** Why the row cannot be imported, or null when it can (then its student counts as seen). */
    private static String check(CsvRecords.Record r, Map<String, Integer> column, Set<String> seen) {
        if (r.error() != null) return r.error();
        for (String c : COLUMNS) {
            if (column.get(c) >= r.fields().size()) return "no " + c + " (the row has " + r.fields().size() + " fields)";
        }
        String student = field(r, column, "student");
        if (!SubmissionEnvelope.STUDENT.matcher(student).matches()) {
            return "'" + shorten(student) + "' is not a student name (a letter or digit, then letters, digits, . _ - @; at most 64)";
        }
        if (field(r, column, "name").isEmpty()) return student + ": the name is empty";
        if (field(r, column, "name").length() > 200) return student + ": the name is longer than 200 characters";
        String email = field(r, column, "email");
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) return student + ": '" + shorten(email) + "' is not an email address";
        if (!seen.add(student)) return student + " is listed twice in this file (this row is skipped)";
        return null;
    }

    private static String field(CsvRecords.Record r, Map<String, Integer> column, String name) {
        return r.fields().get(column.get(name)).strip();
    }

    private static String shorten(String s) {
        return s.length() > 70 ? s.substring(0, 70) + "..." : s;
    }
}
