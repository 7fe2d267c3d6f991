package jlab.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
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
 * stands for this host's kernel release ({@code uname -r}). A named group of a pin,
 * {@code (?<webid>[0-9a-f]{12})}, remembers what it matched: {@code {webid}} in a later pin
 * stands for that text (an image ID that must come back the same after save and load).
 */
final class SessionExpectations {
    /** {@code {NAME}}: a value (the kernel release, or what an earlier pin's named group matched). */
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)\\}");
    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private SessionExpectations() {}

    /** What does not hold, one line each ({@code namespaces.expect:12: ...}); empty when every pin holds. */
    static List<String> mismatches(Path expectFile, String out, String err) throws IOException {
        Map<String, String> values = new HashMap<>();
        values.put("kernel", Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip());
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
            String pattern = substitute(line.substring(colon + 2), values);
            if (pattern == null) {
                problems.add(where + "a {NAME} that no earlier pin's group (?<NAME>...) matched: " + line);
                continue;
            }
            Pattern p = Pattern.compile(pattern);
            switch (kind) {
                case "out" -> {
                    int found = find(p, outLines, outAt);
                    if (found < 0) problems.add(where + "no line of standard output" + after(outAt) + " matches /" + p + "/");
                    else outAt = remember(p, outLines.get(found), values, found);
                }
                case "err" -> {
                    int found = find(p, errLines, errAt);
                    if (found < 0) problems.add(where + "no line of standard error" + after(errAt) + " matches /" + p + "/");
                    else errAt = remember(p, errLines.get(found), values, found);
                }
                default -> {
                    int found = find(p, outLines, 0);
                    if (found >= 0) problems.add(where + "standard output line " + (found + 1) + " matches /" + p + "/: " + outLines.get(found));
                }
            }
        }
        return problems;
    }

    /** The pattern with each {@code {NAME}} replaced by its value, quoted; null if a name has none. */
    private static String substitute(String pattern, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) return null;
            m.appendReplacement(sb, Matcher.quoteReplacement(Pattern.quote(value)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Keeps what the pin's named groups matched in {@code line}; returns the index after the line. */
    private static int remember(Pattern p, String line, Map<String, String> values, int found) {
        Matcher m = p.matcher(line);
        if (m.find()) {
            Matcher names = GROUP_NAME.matcher(p.pattern());
            while (names.find()) {
                String v = m.group(names.group(1));
                if (v != null) values.put(names.group(1), v);
            }
        }
        return found + 1;
    }

    private static int find(Pattern p, List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (p.matcher(lines.get(i)).find()) return i;
        }
        return -1;
    }

    private static String after(int from) { return from == 0 ? "" : " after line " + from + " (the previous pin's)"; }
}
