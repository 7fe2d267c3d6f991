package jlab.engine.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code .dockerignore}: the files of the context that COPY and ADD cannot see, as Docker reads it.
 * One pattern a line; {@code #} starts a comment; blanks around a pattern and a leading {@code /}
 * are dropped. {@code *} matches any characters but {@code /}, {@code ?} one of them, {@code [a-z]}
 * a class, and {@code **} any number of directories ({@code **}{@code /*.log} is every .log). A
 * pattern that matches a directory excludes everything under it. {@code !pattern} is an exception:
 * it brings back what an earlier pattern excluded; the last pattern that matches a path decides.
 */
final class DockerIgnore {
    private record Rule(Pattern pattern, boolean exception) {}

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) { this.rules = rules; }

    static final DockerIgnore NONE = new DockerIgnore(List.of());

    /** The context's {@code .dockerignore}, or nothing excluded when it has none. */
    static DockerIgnore of(Path context) {
        Path f = context.resolve(".dockerignore");
        if (!Files.isRegularFile(f)) return NONE;
        try {
            return parse(Files.readAllLines(f));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    static DockerIgnore parse(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            boolean exception = line.startsWith("!");
            if (exception) line = line.substring(1).strip();
            String cleaned = clean(line);
            if (cleaned.isEmpty()) continue;
            rules.add(new Rule(Pattern.compile(regex(cleaned)), exception));
        }
        return new DockerIgnore(List.copyOf(rules));
    }

    /** Is {@code relative} (a path in the context, with '/') left out? */
    boolean excluded(String relative) {
        boolean out = false;
        for (Rule r : rules) {
            if (out == !r.exception) continue; // cannot change the answer
            if (matchesOrParent(r.pattern, relative)) out = !r.exception;
        }
        return out;
    }

    /** Is there an exception? Then an excluded directory must still be walked: a file under it may come back. */
    boolean hasExceptions() { return rules.stream().anyMatch(Rule::exception); }

    boolean isEmpty() { return rules.isEmpty(); }

    private static boolean matchesOrParent(Pattern p, String relative) {
        String at = relative;
        while (true) {
            if (p.matcher(at).matches()) return true;
            int slash = at.lastIndexOf('/');
            if (slash < 0) return false;
            at = at.substring(0, slash);
        }
    }

    /** Go's filepath.Clean, roughly: no leading "/" or "./", no "//", no trailing "/". */
    static String clean(String pattern) {
        List<String> parts = new ArrayList<>();
        for (String part : pattern.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (!parts.isEmpty()) parts.remove(parts.size() - 1);
                continue;
            }
            parts.add(part);
        }
        return String.join("/", parts);
    }

    /** The pattern as a regular expression over a whole path. */
    static String regex(String pattern) {
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '\\') {
                flush(re, literal);
            }
            if (c == '*') {
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
                        i++;
                        re.append("(.*/)?"); // "**/": any number of directories, none included
                    } else {
                        re.append(".*");
                    }
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int end = pattern.indexOf(']', i + 1);
                if (end < 0) {
                    literal.append(c);
                    continue;
                }
                String cls = pattern.substring(i + 1, end);
                if (cls.startsWith("!") || cls.startsWith("^")) cls = "^" + cls.substring(1);
                re.append('[').append(cls.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                i = end;
            } else if (c == '\\' && i + 1 < pattern.length()) {
                literal.append(pattern.charAt(++i));
            } else {
                literal.append(c);
            }
        }
        flush(re, literal);
        return re.toString();
    }

    private static void flush(StringBuilder re, StringBuilder literal) {
        if (literal.length() > 0) re.append(Pattern.quote(literal.toString()));
        literal.setLength(0);
    }
}
