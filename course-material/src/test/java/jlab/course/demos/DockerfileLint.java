package jlab.course.demos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the syntax of the course's Dockerfiles, the way a builder reads them, without root
 * and without jlab (this module depends on nothing of it; shell's CourseJlabDemosTest builds
 * them with {@code jlab build}): one instruction per logical line (a trailing backslash
 * continues it), a known instruction, FROM before anything but ARG, exec forms that are JSON
 * arrays of strings, COPY sources that exist in the context and {@code --from} stages that
 * were named before. Each mistake: "file:line: what".
 */
final class DockerfileLint {
    static final Set<String> INSTRUCTIONS = Set.of("FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY",
            "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL");
    /** Where a JSON array is the exec form (or, for VOLUME, a list of paths). */
    private static final Set<String> EXEC_FORM = Set.of("RUN", "CMD", "ENTRYPOINT", "VOLUME", "SHELL");
    private static final Pattern FROM = Pattern.compile("(?i)^(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+([a-z0-9][\\w.-]*))?$");
    private static final Pattern KEY_VALUE = Pattern.compile("^[A-Za-z_][\\w.-]*=");
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Instruction(int line, String keyword, String args) { }

    /** The mistakes of {@code dockerfile}, whose build context is {@code context}; empty when there are none. */
    static List<String> check(Path dockerfile, Path context) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> unfinished = new ArrayList<>();
        List<Instruction> instructions = instructions(dockerfile, unfinished);
        Set<String> stages = new HashSet<>();
        boolean seenFrom = false;
        for (Instruction i : instructions) {
            String where = dockerfile.getFileName() + ":" + i.line() + ": ";
            if (!INSTRUCTIONS.contains(i.keyword())) {
                problems.add(where + "unknown instruction \"" + i.keyword() + "\" (expected one of FROM, RUN, COPY, ...)");
                continue;
            }
            if (i.args().isBlank()) { problems.add(where + i.keyword() + " needs arguments"); continue; }
            if (!seenFrom && !i.keyword().equals("FROM") && !i.keyword().equals("ARG")) {
                problems.add(where + i.keyword() + " before FROM (only ARG may come first)");
            }
            switch (i.keyword()) {
                case "FROM" -> { seenFrom = true; from(where, i.args(), stages, problems); }
                case "COPY", "ADD" -> copy(where, i.args(), context, stages, problems);
                case "ENV", "LABEL" -> keyValues(where, i, problems);
                case "EXPOSE" -> expose(where, i.args(), problems);
                default -> { }
            }
            if (EXEC_FORM.contains(i.keyword()) && i.args().startsWith("[")) jsonArray(where, i.args(), problems);
        }
        if (!seenFrom) problems.add(dockerfile.getFileName() + ":1: no FROM: an image starts FROM another image (or scratch)");
        problems.addAll(unfinished);
        return problems;
    }

    /** Logical lines: comments and blank lines dropped, "\" at the end of a line joins the next. */
    private static List<Instruction> instructions(Path file, List<String> problems) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = null;
        int start = 0;
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            if (line.startsWith("#") || (line.isEmpty() && current == null)) continue;
            if (current == null) { current = new StringBuilder(); start = n; }
            boolean continued = line.endsWith("\\");
            current.append(continued ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continued) {
                out.add(split(start, current.toString().strip()));
                current = null;
            }
        }
        if (current != null) problems.add(file.getFileName() + ":" + start + ": the last instruction ends with \\ (continued to nothing)");
        return out;
    }

    private static Instruction split(int line, String text) {
        int space = text.indexOf(' ');
        String keyword = space < 0 ? text : text.substring(0, space);
        return new Instruction(line, keyword.toUpperCase(), space < 0 ? "" : text.substring(space + 1).strip());
    }

    private static void from(String where, String args, Set<String> stages, List<String> problems) {
        Matcher m = FROM.matcher(args);
        if (!m.matches()) { problems.add(where + "FROM IMAGE[:TAG] [AS NAME] expected, not \"" + args + "\""); return; }
        if (m.group(2) != null) stages.add(m.group(2).toLowerCase());
    }

    private static void copy(String where, String args, Path context, Set<String> stages, List<String> problems) {
        List<String> words = new ArrayList<>(List.of(args.split("\\s+")));
        String fromStage = null;
        while (!words.isEmpty() && words.get(0).startsWith("--")) {
            String flag = words.remove(0);
            if (flag.startsWith("--from=")) fromStage = flag.substring("--from=".length()).toLowerCase();
        }
        if (words.size() < 2) { problems.add(where + "COPY SRC... DEST expected, not \"" + args + "\""); return; }
        if (fromStage != null) {
            if (!stages.contains(fromStage)) problems.add(where + "--from=" + fromStage + ": no stage of that name before (FROM ... AS " + fromStage + ")");
            return; // the sources are in that stage's image, not in the context
        }
        for (String src : words.subList(0, words.size() - 1)) {
            Path p = context.resolve(src).normalize();
            if (!p.startsWith(context.normalize())) problems.add(where + "COPY source \"" + src + "\" is outside the build context");
            else if (!src.contains("*") && !Files.exists(p)) problems.add(where + "COPY source \"" + src + "\" not found in the context " + context);
        }
    }

    private static void keyValues(String where, Instruction i, List<String> problems) {
        // The modern form is KEY=VALUE ...; values may be quoted, so only the first pair is checked.
        if (!KEY_VALUE.matcher(i.args()).find()) problems.add(where + i.keyword() + " KEY=VALUE expected, not \"" + i.args() + "\"");
    }

    private static void expose(String where, String args, List<String> problems) {
        for (String port : args.split("\\s+")) {
            if (!port.matches("\\d{1,5}(/(tcp|udp))?") || Integer.parseInt(port.replaceFirst("/.*", "")) > 65535) {
                problems.add(where + "EXPOSE PORT[/tcp|/udp] expected, not \"" + port + "\"");
            }
        }
    }

    private static void jsonArray(String where, String args, List<String> problems) {
        try {
            JsonNode node = JSON.readTree(args);
            boolean strings = node.isArray() && node.size() > 0;
            for (JsonNode e : node) strings &= e.isTextual();
            if (!strings) problems.add(where + "the exec form is a JSON array of strings: " + args);
        } catch (IOException e) {
            problems.add(where + "not a valid JSON array (the exec form needs double quotes): " + args);
        }
    }
}
