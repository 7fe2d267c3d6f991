package jlab.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The pins of a course session: {@code NAME.expect} beside {@code NAME.jlab}
 * holds what the chapter's prose quotes from the session's output, so that a
 * changed output (a capability mask, a uid map, an exit code) fails the
 * replay instead of leaving the prose wrong. The format is in
 * course-material/src/sessions/README:
 *
 * <pre>
 * out: PATTERN    a line of standard output, after the line the previous out: matched
 * err: PATTERN    a line of standard error, after the line the previous err: matched
 * not: PATTERN    no line of standard output
 * </pre>
 *
 * A pattern is a Java regular expression found anywhere in the line; {@code {kernel}}
 * stands for this host's kernel release ({@code uname -r}).
 */
final class SessionExpectations {
    private SessionExpectations() {}

    /** What does not hold, one line each ({@code namespaces.expect:12: ...}); empty when every pin holds. */
    static List<String> mismatches(Path expectFile, String out, String err) throws IOException {
        String kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        List<String> outLines = List.of(out.split("\n", -1)), errLines = List.of(err.split("\n", -1));
        int outAt = 0, errAt = 0;
        List<String> problems = new ArrayList<>();
        List<String> lines = Files.readAllLines(expectFile);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) continue;
            String where = expectFile.getFileName() + ":" + (i + 1) + ": ";
            int colon = line.indexOf(": ");
            String kind = colon < 0 ? "" : line.substring(0, colon);
            if (!List.of("out", "err", "not").contains(kind)) {
                problems.add(where + "a pin starts with \"out: \", \"err: \" or \"not: \"");
                continue;
            }
            Pattern p = Pattern.compile(line.substring(colon + 2).replace("{kernel}", Pattern.quote(kernel)));
            switch (kind) {
                case "out" -> {
                    int found = find(p, outLines, outAt);
                    if (found < 0) problems.add(where + "no line of standard output" + after(outAt) + " matches /" + p + "/");
                    else outAt = found + 1;
                }
                case "err" -> {
                    int found = find(p, errLines, errAt);
                    if (found < 0) problems.add(where + "no line of standard error" + after(errAt) + " matches /" + p + "/");
                    else errAt = found + 1;
                }
                default -> {
                    int found = find(p, outLines, 0);
                    if (found >= 0) problems.add(where + "standard output line " + (found + 1) + " matches /" + p + "/: " + outLines.get(found));
                }
            }
        }
        return problems;
    }

    private static int find(Pattern p, List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (p.matcher(lines.get(i)).find()) return i;
        }
        return -1;
    }

    private static String after(int from) { return from == 0 ? "" : " after line " + from + " (the previous pin's)"; }
}
