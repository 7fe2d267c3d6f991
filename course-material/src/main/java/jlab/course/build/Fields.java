package jlab.course.build;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reading a YAML mapping strictly: an unknown field is a mistake (a typo such
 * as "anwser" would otherwise be silently ignored), a missing one too, and a
 * text must be given in every language of the course.
 */
final class Fields {
    static final List<String> LANGS = List.of("fr", "en");

    private final Problems problems;
    private final Path file;

    Fields(Problems problems, Path file) {
        this.problems = problems;
        this.file = file;
    }

    /** The mapping, after reporting its unknown fields and missing required ones; null if it is not a mapping. */
    Map<String, YamlNode> map(YamlNode node, String what, Set<String> required, Set<String> optional) {
        Map<String, YamlNode> map = node.map();
        if (map == null) {
            problems.add(file, node.line(), what + " must be a mapping (field: value)");
            return null;
        }
        for (Map.Entry<String, YamlNode> e : map.entrySet()) {
            if (!required.contains(e.getKey()) && !optional.contains(e.getKey())) {
                problems.add(file, e.getValue().line(), "unknown field \"" + e.getKey() + "\" in " + what
                        + " (known: " + String.join(", ", union(required, optional)) + ")");
            }
        }
        for (String r : required) {
            if (!map.containsKey(r)) problems.add(file, node.line(), what + " has no \"" + r + "\"");
        }
        return map;
    }

    /** A non-empty string, or null after reporting it. */
    String text(YamlNode node, String what) {
        if (node == null) return null;
        String s = node.text();
        if (s == null || s.isBlank()) {
            problems.add(file, node.line(), what + " must be a non-empty text");
            return null;
        }
        return s.strip();
    }

    /** {fr: ..., en: ...}: every language present and non-empty; null if any is missing. */
    Map<String, String> texts(YamlNode node, String what) {
        if (node == null) return null;
        Map<String, YamlNode> map = map(node, what, Set.copyOf(LANGS), Set.of());
        if (map == null) return null;
        Map<String, String> out = new LinkedHashMap<>();
        for (String lang : LANGS) {
            String t = text(map.get(lang), what + " (" + lang + ")");
            if (t == null) return null;
            out.put(lang, t);
        }
        return out;
    }

    /** {fr, en} in that order (JSON output is stable from build to build). */
    static Map<String, String> pair(String fr, String en) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("fr", fr);
        m.put("en", en);
        return m;
    }

    private static List<String> union(Set<String> a, Set<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).sorted().toList();
    }
}
