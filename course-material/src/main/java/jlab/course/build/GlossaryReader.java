package jlab.course.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code src/glossary.yaml}: a list of terms, each with its id, and for
 * each language its term and definition (format in README.md).
 */
public final class GlossaryReader {
    private final Problems problems;

    public GlossaryReader(Problems problems) {
        this.problems = problems;
    }

    public List<Term> read(Path file) throws IOException {
        YamlNode root;
        try {
            root = YamlNode.read(file);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problems.add(file, e.getLocation() == null ? 1 : e.getLocation().getLineNr(), "not valid YAML: " + e.getOriginalMessage());
            return List.of();
        }
        List<YamlNode> items = root.list();
        if (items == null) {
            problems.add(file, root.line(), "the glossary must be a list of terms (- id: ...)");
            return List.of();
        }
        Fields f = new Fields(problems, file);
        List<Term> terms = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (YamlNode item : items) {
            Map<String, YamlNode> m = f.map(item, "a term", Set.of("id", "fr", "en"), Set.of("chapter"));
            if (m == null) continue;
            String id = f.text(m.get("id"), "a term's id");
            if (id != null && !id.matches("[a-z0-9-]+")) {
                problems.add(file, m.get("id").line(), "term id \"" + id + "\": use lower-case letters, digits and dashes");
            }
            String[] term = new String[2];
            String[] definition = new String[2];
            boolean complete = id != null;
            for (int i = 0; i < 2; i++) {
                String lang = Fields.LANGS.get(i);
                YamlNode node = m.get(lang);
                if (node == null) { complete = false; continue; }
                Map<String, YamlNode> t = f.map(node, "term " + id + " (" + lang + ")", Set.of("term", "definition"), Set.of());
                if (t == null) { complete = false; continue; }
                term[i] = f.text(t.get("term"), "term " + id + " (" + lang + "): term");
                definition[i] = f.text(t.get("definition"), "term " + id + " (" + lang + "): definition");
                complete &= term[i] != null && definition[i] != null;
            }
            String chapter = m.containsKey("chapter") ? f.text(m.get("chapter"), "term " + id + ": chapter") : null;
            if (!complete) continue;
            if (!ids.add(id)) problems.add(file, item.line(), "term id \"" + id + "\" is used twice");
            terms.add(new Term(id, Fields.pair(term[0], term[1]), Fields.pair(definition[0], definition[1]), chapter,
                    m.containsKey("chapter") ? m.get("chapter").line() : item.line()));
        }
        return terms;
    }
}
