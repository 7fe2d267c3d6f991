package jlab.labs.grade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instructor's roster: one {@code student,token} per line (a first line
 * {@code student,token} is a header; blank lines and {@code #} comments are
 * skipped). The tokens are the HMAC keys the students sign with.
 */
public final class Roster {
    private final Map<String, String> tokens;

    private Roster(Map<String, String> tokens) { this.tokens = tokens; }

    public static Roster of(Map<String, String> tokens) { return new Roster(new LinkedHashMap<>(tokens)); }

    /** Reads a roster file; a line that is not {@code student,token} is an error naming the file and line. */
    public static Roster read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the roster " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> tokens = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || (i == 0 && line.equalsIgnoreCase("student,token"))) continue;
            int comma = line.indexOf(',');
            String student = comma < 0 ? line : line.substring(0, comma).strip();
            String token = comma < 0 ? "" : line.substring(comma + 1).strip();
            String where = file + ":" + (i + 1) + ": ";
            if (comma < 0 || token.isEmpty()) throw new IllegalArgumentException(where + "a line is student,token (the token is missing)");
            if (!SubmissionEnvelope.STUDENT.matcher(student).matches()) {
                throw new IllegalArgumentException(where + "'" + student + "' is not a student name (letters, digits, . _ - @)");
            }
            if (tokens.put(student, token) != null) throw new IllegalArgumentException(where + "student '" + student + "' is listed twice");
        }
        return new Roster(tokens);
    }

    public Optional<String> token(String student) { return Optional.ofNullable(tokens.get(student)); }

    public int size() { return tokens.size(); }
}
