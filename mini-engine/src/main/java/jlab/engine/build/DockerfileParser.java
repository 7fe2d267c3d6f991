package jlab.engine.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import jlab.engine.EditDistance;

/**
 * Reads a Dockerfile as Docker's parser does, into {@link Instruction}s; what each one means is the
 * business of its own class. The rules, in the order they apply:
 * <ol>
 * <li>Parser directives: {@code # escape=`} (or {@code # syntax=...}, ignored) on the first lines,
 *     before any comment, blank line or instruction. The escape character is {@code \} unless told.</li>
 * <li>A line whose first non-blank character is {@code #} is a comment; blank lines are skipped.</li>
 * <li>A line ending with the escape character (blanks after it allowed) goes on on the next line; the
 *     escape is dropped and the lines are joined as they are. Comment and blank lines inside a
 *     continued instruction are skipped, as Docker does.</li>
 * <li>The first word is the instruction, in any case ({@code run} is {@code RUN}); then, for the
 *     instructions that take them, flags {@code --name=value}; the rest is its arguments.</li>
 * <li>Arguments that parse as a JSON array of strings are the exec form; anything else (even a
 *     broken JSON array) is the shell form, as in Docker.</li>
 * </ol>
 * Every mistake names {@code FILE:LINE} and what was expected.
 */
public final class DockerfileParser {
    /** Every instruction Docker knows; jlab refuses the few it does not do with a line of its own. */
    static final List<String> KEYWORDS = List.of("FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD",
            "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL");
    /** The flags each instruction takes (a flag Docker knows but jlab does not do is refused by the instruction). */
    private static final Map<String, Set<String>> FLAGS = Map.of(
            "FROM", Set.of("platform"),
            "COPY", Set.of("from", "chown", "chmod", "link", "parents", "exclude"),
            "ADD", Set.of("chown", "chmod", "link", "checksum", "keep-git-dir", "exclude"),
            "RUN", Set.of("mount", "network", "security"));
    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9_-]*)\\s*=\\s*(.*?)\\s*$");
    private static final Pattern FLAG = Pattern.compile("--([a-z][a-z0-9-]*)(?:=(.*))?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String file;

    private DockerfileParser(String file) { this.file = file; }

    /** Parses {@code text}; {@code file} is the name errors give ("Dockerfile", or what -f named). */
    public static Dockerfile parse(String text, String file) { return new DockerfileParser(file).parse(text); }

    private Dockerfile parse(String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        char escape = '\\';
        int i = 0;
        Map<String, String> directives = new LinkedHashMap<>();
        for (; i < lines.length; i++) {
            Matcher m = DIRECTIVE.matcher(lines[i].strip());
            if (!m.matches()) break;
            String name = m.group(1).toLowerCase();
            if (!name.equals("escape") && !name.equals("syntax") && !name.equals("check")) break; // a comment
            if (directives.put(name, m.group(2)) != null) {
                throw BuildException.at(file, i + 1, "the parser directive \"" + name + "\" may be given only once");
            }
            if (name.equals("escape")) {
                String v = m.group(2);
                if (!v.equals("\\") && !v.equals("`")) {
                    throw BuildException.at(file, i + 1, "invalid escape token '" + v + "': it must be ` or \\");
                }
                escape = v.charAt(0);
            }
        }
        Pattern continued = Pattern.compile(Pattern.quote(String.valueOf(escape)) + "[ \t]*$");
        List<Instruction> instructions = new ArrayList<>();
        while (i < lines.length) {
            String line = lines[i];
            if (line.isBlank() || isComment(line)) {
                i++;
                continue;
            }
            int start = i + 1;
            StringBuilder joined = new StringBuilder();
            i++;
            Matcher m = continued.matcher(line);
            while (m.find()) {
                joined.append(line, 0, m.start());
                // the next line that is neither a comment nor blank continues the instruction
                while (i < lines.length && (lines[i].isBlank() || isComment(lines[i]))) i++;
                if (i == lines.length) {
                    line = "";
                    break;
                }
                line = lines[i++];
                m = continued.matcher(line);
            }
            if (!continued.matcher(line).find()) joined.append(line);
            instructions.add(instruction(joined.toString().strip(), start));
        }
        if (instructions.isEmpty()) {
            throw new BuildException(file + ": the file has no instructions: a Dockerfile starts with FROM IMAGE");
        }
        return new Dockerfile(file, escape, instructions);
    }

    private static boolean isComment(String line) { return line.stripLeading().startsWith("#"); }

    private Instruction instruction(String text, int line) {
        String[] parts = text.split("\\s+", 2);
        String word = parts[0];
        String keyword = word.toUpperCase();
        if (!KEYWORDS.contains(keyword)) throw unknown(word, line);
        String rest = parts.length > 1 ? parts[1].strip() : "";
        Map<String, String> flags = new LinkedHashMap<>();
        Set<String> allowed = FLAGS.getOrDefault(keyword, Set.of());
        while (!allowed.isEmpty() && rest.startsWith("--")) {
            String[] fw = rest.split("\\s+", 2);
            Matcher f = FLAG.matcher(fw[0]);
            if (!f.matches() || !allowed.contains(f.group(1))) {
                throw BuildException.at(file, line, "unknown flag " + fw[0] + " for " + keyword + " (it takes --"
                        + String.join(", --", allowed.stream().sorted().toList()) + ")");
            }
            flags.put(f.group(1), f.group(2) == null ? "true" : f.group(2));
            rest = fw.length > 1 ? fw[1].strip() : "";
        }
        return new Instruction(file, line, keyword, flags, rest, json(rest), text);
    }

    /** The exec form's words, or null: not a JSON array of strings (then it is the shell form). */
    private static List<String> json(String args) {
        if (!args.startsWith("[")) return null;
        try {
            List<Object> values = JSON.readValue(args, new TypeReference<List<Object>>() {});
            if (!values.stream().allMatch(v -> v instanceof String)) return null;
            return values.stream().map(String.class::cast).toList();
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private BuildException unknown(String word, int line) {
        String upper = word.toUpperCase();
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : KEYWORDS) {
            int d = EditDistance.between(upper, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        String hint = bestDistance <= (upper.length() < 5 ? 1 : 2) ? " (did you mean " + best + "?)"
                : " (a Dockerfile's instructions: " + String.join(", ", KEYWORDS.subList(0, 14)) + ", ...)";
        return BuildException.at(file, line, "unknown instruction \"" + word + "\"" + hint);
    }
}
