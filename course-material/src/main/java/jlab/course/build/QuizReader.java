package jlab.course.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code src/quiz/ID.yaml} (format in README.md) and reports every
 * mistake with its line: an unknown field, a missing language, an answer that
 * is not one of the choices, a duplicate id. Returns null when it has any.
 */
public final class QuizReader {
    private final Problems problems;

    public QuizReader(Problems problems) {
        this.problems = problems;
    }

    public Quiz read(Path file) throws IOException {
        String chapter = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        int before = problems.all().size();
        YamlNode root;
        try {
            root = YamlNode.read(file);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add(file, e.getLocation() == null ? 1 : e.getLocation().getLineNr(), "not valid YAML: " + e.getOriginalMessage());
            return null;
        }
        Fields f = new Fields(problems, file);
        Map<String, YamlNode> top = f.map(root, "the quiz", Set.of("questions"), Set.of());
        if (top == null || !top.containsKey("questions")) return null;
        List<YamlNode> items = top.get("questions").list();
        if (items == null || items.isEmpty()) {
            problems.add(file, top.get("questions").line(), "\"questions\" must be a non-empty list");
            return null;
        }
        List<Quiz.Question> questions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (YamlNode item : items) {
            Quiz.Question q = question(f, file, item);
            if (q == null) continue;
            if (!ids.add(q.id())) problems.add(file, item.line(), "question id \"" + q.id() + "\" is used twice");
            questions.add(q);
        }
        return problems.all().size() == before ? new Quiz(chapter, List.copyOf(questions)) : null;
    }

    private Quiz.Question question(Fields f, Path file, YamlNode item) {
        Map<String, YamlNode> m = f.map(item, "a question", Set.of("id", "question", "choices", "answer", "why"), Set.of());
        if (m == null) return null;
        String id = f.text(m.get("id"), "the question's id");
        String where = "question " + (id == null ? "" : "\"" + id + "\"");
        Map<String, String> text = f.texts(m.get("question"), where + ": question");
        Map<String, String> why = f.texts(m.get("why"), where + ": why");
        String answer = f.text(m.get("answer"), where + ": answer");
        List<Quiz.Choice> choices = choices(f, file, m.get("choices"), where);
        if (answer != null && choices != null && choices.stream().noneMatch(c -> c.id().equals(answer))) {
            problems.add(file, m.get("answer").line(), where + ": the answer \"" + answer
                    + "\" is not one of the choices (" + String.join(", ", choices.stream().map(Quiz.Choice::id).toList()) + ")");
        }
        if (id == null || text == null || why == null || answer == null || choices == null) return null;
        return new Quiz.Question(id, text, choices, answer, why);
    }

    private List<Quiz.Choice> choices(Fields f, Path file, YamlNode node, String where) {
        if (node == null) return null;
        List<YamlNode> list = node.list();
        if (list == null || list.size() < 2) {
            problems.add(file, node.line(), where + ": \"choices\" must be a list of at least two");
            return null;
        }
        List<Quiz.Choice> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (YamlNode c : list) {
            Map<String, YamlNode> m = f.map(c, where + ": a choice", Set.of("id", "fr", "en"), Set.of());
            if (m == null) return null;
            String id = f.text(m.get("id"), where + ": a choice's id");
            String fr = f.text(m.get("fr"), where + ": choice " + id + " (fr)");
            String en = f.text(m.get("en"), where + ": choice " + id + " (en)");
            if (id == null || fr == null || en == null) return null;
            if (!ids.add(id)) problems.add(file, c.line(), where + ": choice id \"" + id + "\" is used twice");
            out.add(new Quiz.Choice(id, Fields.pair(fr, en)));
        }
        return out;
    }
}
