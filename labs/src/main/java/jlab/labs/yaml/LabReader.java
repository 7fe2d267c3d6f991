package jlab.labs.yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jlab.labs.model.Action;
import jlab.labs.model.CheckSpec;
import jlab.labs.model.Lab;
import jlab.labs.model.Lang;
import jlab.labs.model.Text;

/**
 * Reads a lab's folder and reports <em>every</em> mistake, each with its file
 * and line, rather than stopping at the first: an instructor fixes a lab in
 * one pass. The kinds of check, fixture and reset action it accepts come from
 * a {@link Vocabulary}, so the reader knows no check's Java class.
 */
public final class LabReader {
    static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final List<String> LAB_FIELDS = List.of("id", "version", "title", "summary", "objectives",
            "prerequisites", "setup", "checks", "reset");
    private static final List<String> CHECK_FIELDS = List.of("id", "title", "points", "kind", "with", "requires", "hint");

    /** The kinds a lab may use, and what each takes. */
    public record Vocabulary(Map<String, Signature> checks, Map<String, Signature> fixtures, Map<String, Signature> resets) {}

    private final Vocabulary vocabulary;
    private final List<Problem> problems = new ArrayList<>();
    private Path file;

    public LabReader(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    /** The lab in {@code folder}, or every problem found in it. */
    public static Result read(Path folder, Vocabulary vocabulary) {
        return new LabReader(vocabulary).readFolder(folder);
    }

    /** Either a lab or its problems (never both). */
    public record Result(Lab lab, List<Problem> problems) {
        public boolean ok() { return problems.isEmpty(); }
    }

    private Result readFolder(Path folder) {
        file = folder.resolve("lab.yaml");
        if (!Files.isRegularFile(file)) {
            problems.add(new Problem(folder, 0, "no lab.yaml here: a lab is a folder with lab.yaml, instructions.fr.adoc and instructions.en.adoc"));
            return new Result(null, List.copyOf(problems));
        }
        Node root;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = YamlTree.parse(in);
        } catch (YamlTree.Malformed e) {
            problems.add(new Problem(file, e.line(), e.getMessage()));
            return new Result(null, List.copyOf(problems));
        } catch (IOException e) {
            problems.add(new Problem(file, 0, "cannot read it: " + e.getMessage()));
            return new Result(null, List.copyOf(problems));
        }
        Lab lab = lab(root, folder);
        for (Lang lang : Lang.values()) {
            Path instructions = folder.resolve("instructions." + lang.code() + ".adoc");
            if (!Files.isRegularFile(instructions)) {
                problems.add(new Problem(instructions, 0, "missing: every lab has its instructions in French and English"));
            }
        }
        return problems.isEmpty() ? new Result(lab, List.of()) : new Result(null, List.copyOf(problems));
    }

    private Lab lab(Node root, Path folder) {
        Node.MapNode m = map(root, "the lab");
        if (m == null) return null;
        unknownFields(m, LAB_FIELDS, "a lab");
        String id = text(m, "id", true);
        if (id != null && !ID.matcher(id).matches()) {
            problem(m.entries().get("id"), "id '" + id + "' must be lower-case words joined by '-' (like cgroup-memory)");
        } else if (id != null && folder.getFileName() != null && !id.equals(folder.getFileName().toString())) {
            problem(m.entries().get("id"), "id '" + id + "' must be the folder's name ('" + folder.getFileName() + "')");
        }
        Integer version = integer(m, "version", true);
        if (version != null && version < 1) problem(m.entries().get("version"), "version must be 1 or more");
        Text title = texts(m, "title", true);
        Text summary = texts(m, "summary", true);
        List<Text> objectives = new ArrayList<>();
        for (Node o : list(m, "objectives")) objectives.add(bilingual(o, "an objective"));
        List<String> prerequisites = new ArrayList<>();
        for (Node p : list(m, "prerequisites")) {
            String pre = scalar(p, "a prerequisite (a lab id)");
            if (pre != null) prerequisites.add(pre);
        }
        List<Action> setup = actions(m, "setup", vocabulary.fixtures());
        List<CheckSpec> checks = checks(m);
        List<Action> reset = actions(m, "reset", vocabulary.resets());
        if (!problems.isEmpty()) return null;
        return new Lab(id, version, title, summary, objectives, prerequisites, setup, checks, reset, folder);
    }

    private List<CheckSpec> checks(Node.MapNode lab) {
        List<CheckSpec> checks = new ArrayList<>();
        if (!lab.entries().containsKey("checks")) {
            problem(lab, "'checks' is missing: a lab has at least one check");
            return checks;
        }
        List<Node> items = list(lab, "checks");
        if (items.isEmpty() && lab.entries().get("checks") instanceof Node.ListNode) {
            problem(lab.entries().get("checks"), "'checks' is empty: a lab has at least one check");
        }
        Set<String> earlier = new LinkedHashSet<>();
        for (Node item : items) {
            Node.MapNode c = map(item, "a check");
            if (c == null) continue;
            unknownFields(c, CHECK_FIELDS, "a check");
            String id = text(c, "id", true);
            if (id != null && !ID.matcher(id).matches()) problem(c.entries().get("id"), "check id '" + id + "' must be lower-case words joined by '-'");
            if (id != null && earlier.contains(id)) problem(c.entries().get("id"), "check id '" + id + "' is used twice");
            Text title = texts(c, "title", true);
            Integer points = integer(c, "points", true);
            if (points != null && points < 0) problem(c.entries().get("points"), "points must be 0 or more");
            String kind = text(c, "kind", true);
            Map<String, String> with = parameters(c.entries().get("with"), kind, vocabulary.checks(), c);
            List<String> requires = new ArrayList<>();
            for (Node r : list(c, "requires")) {
                String req = scalar(r, "a check id");
                if (req == null) continue;
                if (!earlier.contains(req)) {
                    problem(r, "requires '" + req + "', which is not a check above this one" + Closest.suggestion(req, earlier));
                }
                requires.add(req);
            }
            Text hint = texts(c, "hint", true);
            if (id != null) earlier.add(id);
            checks.add(new CheckSpec(id, title, points == null ? 0 : points, kind, with, requires, hint, c.line()));
        }
        return checks;
    }

    /** {@code setup:} and {@code reset:}: lists of {@code {kind: K, param: value...}}. */
    private List<Action> actions(Node.MapNode lab, String field, Map<String, Signature> kinds) {
        List<Action> actions = new ArrayList<>();
        for (Node item : list(lab, field)) {
            Node.MapNode a = map(item, "a " + field + " action");
            if (a == null) continue;
            String kind = text(a, "kind", true);
            Map<String, Node> params = new LinkedHashMap<>(a.entries());
            params.remove("kind");
            Map<String, Integer> lines = new LinkedHashMap<>(a.keyLines());
            lines.remove("kind");
            Map<String, String> with = parameters(new Node.MapNode(params, lines, a.line()), kind, kinds, a);
            actions.add(new Action(kind, with, a.line()));
        }
        return actions;
    }

    /** The parameters of a kind, checked against its signature. */
    private Map<String, String> parameters(Node node, String kind, Map<String, Signature> kinds, Node.MapNode owner) {
        Map<String, String> values = new LinkedHashMap<>();
        Node.MapNode m = node == null ? new Node.MapNode(Map.of(), Map.of(), owner.line()) : map(node, "'with'");
        if (m == null || kind == null) return values;
        Signature signature = kinds.get(kind);
        if (signature == null) {
            problem(owner.entries().getOrDefault("kind", owner), "unknown kind '" + kind + "'" + Closest.suggestion(kind, kinds.keySet())
                    + "; the kinds are: " + String.join(", ", kinds.keySet()));
            return values;
        }
        m.entries().forEach((name, value) -> {
            if (!signature.accepts(name)) {
                List<String> all = new ArrayList<>(signature.required());
                all.addAll(signature.optional());
                problem(m.keyLines().get(name), "'" + kind + "' takes no parameter '" + name + "'"
                        + Closest.suggestion(name, all) + "; it takes: " + String.join(", ", all));
            } else {
                String s = scalar(value, "the value of '" + name + "'");
                if (s != null) values.put(name, s);
            }
        });
        for (String required : signature.required()) {
            if (!m.entries().containsKey(required)) problem(m, "'" + kind + "' needs the parameter '" + required + "'");
        }
        return values;
    }

    // ---- small readers: each adds a problem and returns null on a mistake ----

    private Node.MapNode map(Node node, String what) {
        if (node instanceof Node.MapNode m) return m;
        problem(node, what + " must be a mapping (key: value lines), not " + node.what());
        return null;
    }

    private List<Node> list(Node.MapNode m, String field) {
        Node node = m.entries().get(field);
        if (node == null || node instanceof Node.Scalar s && s.text() == null) return List.of();
        if (node instanceof Node.ListNode l) return l.items();
        problem(node, "'" + field + "' must be a list (lines starting with '- '), not " + node.what());
        return List.of();
    }

    private String scalar(Node node, String what) {
        if (node instanceof Node.Scalar s && s.text() != null) return s.text();
        problem(node, what + " must be a text, not " + (node instanceof Node.Scalar ? "empty" : node.what()));
        return null;
    }

    private String text(Node.MapNode m, String field, boolean required) {
        Node node = m.entries().get(field);
        if (node == null) {
            if (required) problem(m, "'" + field + "' is missing");
            return null;
        }
        return scalar(node, "'" + field + "'");
    }

    private Integer integer(Node.MapNode m, String field, boolean required) {
        String s = text(m, field, required);
        if (s == null) return null;
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            problem(m.entries().get(field), "'" + field + "' must be a whole number, not '" + s + "'");
            return null;
        }
    }

    private Text texts(Node.MapNode m, String field, boolean required) {
        Node node = m.entries().get(field);
        if (node == null) {
            if (required) problem(m, "'" + field + "' is missing (with fr: and en:)");
            return null;
        }
        return bilingual(node, "'" + field + "'");
    }

    /** {@code {fr: ..., en: ...}}: both, and nothing else. */
    private Text bilingual(Node node, String what) {
        Node.MapNode m = map(node, what + " (fr: and en:)");
        if (m == null) return null;
        unknownFields(m, List.of("fr", "en"), what);
        String fr = text(m, "fr", true);
        String en = text(m, "en", true);
        return fr == null || en == null ? null : new Text(fr.strip(), en.strip());
    }

    private void unknownFields(Node.MapNode m, List<String> known, String what) {
        m.keyLines().forEach((key, line) -> {
            if (!known.contains(key)) {
                problem(line, "'" + key + "' is not a field of " + what + Closest.suggestion(key, known)
                        + "; the fields are: " + String.join(", ", known));
            }
        });
    }

    private void problem(Node node, String message) { problem(node == null ? 0 : node.line(), message); }

    private void problem(int line, String message) { problems.add(new Problem(file, line, message)); }
}
