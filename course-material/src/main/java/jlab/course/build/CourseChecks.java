package jlab.course.build;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The checks that need the whole course: every chapter in both languages and
 * alike in both (number, labs, section ids), every cross-reference landing on
 * an id that exists, every lab link naming a lab of the labs module.
 */
public final class CourseChecks {
    private final Problems problems;
    private final Set<String> labIds;

    public CourseChecks(Problems problems, Set<String> labIds) {
        this.problems = problems;
        this.labIds = labIds;
    }

    /** {@code byLang}: language → chapter id → chapter. {@code glossaryIds}: the glossary's term ids. */
    public void check(Map<String, Map<String, Chapter>> byLang, Set<String> glossaryIds) {
        Map<String, Chapter> fr = byLang.get("fr"), en = byLang.get("en");
        bothLanguages(fr, en, "French", "English", "en");
        bothLanguages(en, fr, "English", "French", "fr");
        for (Chapter c : fr.values()) {
            Chapter other = en.get(c.id());
            if (other != null) alike(c, other);
        }
        numbering(fr);
        for (Map<String, Chapter> chapters : byLang.values()) {
            for (Chapter c : chapters.values()) references(c, chapters, glossaryIds);
        }
    }

    private void bothLanguages(Map<String, Chapter> here, Map<String, Chapter> there, String hereName, String thereName, String thereLang) {
        for (Chapter c : here.values()) {
            if (!there.containsKey(c.id())) {
                problems.add(c.file(), 1, "chapter \"" + c.id() + "\" exists in " + hereName + " but not in " + thereName
                        + ": write src/docs/" + thereLang + "/" + c.id() + ".adoc");
            }
        }
    }

    /** The two languages of one chapter: same number, same labs, same section ids in the same order. */
    private void alike(Chapter fr, Chapter en) {
        if (fr.number() != en.number()) {
            problems.add(en.file(), en.numberLine(), "chapter number " + en.number() + " differs from the French one (" + fr.number() + ")");
        }
        if (!fr.labs().equals(en.labs())) {
            problems.add(en.file(), en.labsLine(), "labs " + en.labs() + " differ from the French chapter's " + fr.labs());
        }
        List<String> frIds = fr.sections().stream().map(Chapter.Section::id).toList();
        List<String> enIds = en.sections().stream().map(Chapter.Section::id).toList();
        if (!frIds.equals(enIds)) {
            int i = 0;
            while (i < Math.min(frIds.size(), enIds.size()) && java.util.Objects.equals(frIds.get(i), enIds.get(i))) i++;
            Chapter.Section at = i < enIds.size() ? en.sections().get(i) : en.sections().isEmpty() ? null : en.sections().get(enIds.size() - 1);
            String frId = i < frIds.size() ? frIds.get(i) : "(none)";
            problems.add(en.file(), at == null ? 1 : at.line(), "sections differ from the French chapter from section " + (i + 1)
                    + " on: here \"" + (i < enIds.size() ? enIds.get(i) : "(none)") + "\", in French \"" + frId
                    + "\" (a section has the same id, in the same order, in both languages)");
        }
    }

    /** Chapters are numbered 1..N without a gap or a twin. */
    private void numbering(Map<String, Chapter> chapters) {
        Map<Integer, List<Chapter>> byNumber = new TreeMap<>(chapters.values().stream()
                .collect(Collectors.groupingBy(Chapter::number)));
        int expected = 1;
        for (Map.Entry<Integer, List<Chapter>> e : byNumber.entrySet()) {
            Chapter first = e.getValue().get(0);
            if (e.getValue().size() > 1) {
                for (Chapter twin : e.getValue().subList(1, e.getValue().size())) {
                    problems.add(twin.file(), twin.numberLine(), "chapter number " + e.getKey() + " is also " + first.id() + "'s");
                }
            }
            if (e.getKey() != expected && e.getKey() > 0) {
                problems.add(first.file(), first.numberLine(), "chapter number " + e.getKey() + ": expected " + expected
                        + " (chapters are numbered 1, 2, 3... in course order)");
            }
            expected = e.getKey() + 1;
        }
    }

    private void references(Chapter c, Map<String, Chapter> chapters, Set<String> glossaryIds) {
        Set<String> linkedLabs = new HashSet<>();
        for (Chapter.Reference r : c.references()) {
            switch (r.kind()) {
                case "lab" -> {
                    if (!labIds.contains(r.target())) {
                        problems.add(c.file(), r.line(), "no lab \"" + r.target() + "\" in labs/src/main/resources/labs (labs: "
                                + String.join(", ", new java.util.TreeSet<>(labIds)) + ")");
                    } else if (r.line() != c.labsLine()) {
                        linkedLabs.add(r.target());
                    }
                }
                case "xref" -> xref(c, r, chapters, glossaryIds);
                default -> throw new IllegalStateException(r.kind());
            }
        }
        for (String lab : c.labs()) {
            if (labIds.contains(lab) && !linkedLabs.contains(lab)) {
                problems.add(c.file(), c.labsLine(), "lab \"" + lab + "\" is listed but the chapter never links it: add link:{lab-base}"
                        + lab + "[...] to its labs section");
            }
        }
    }

    private void xref(Chapter c, Chapter.Reference r, Map<String, Chapter> chapters, Set<String> glossaryIds) {
        String doc = r.target().substring(0, r.target().indexOf('#'));
        String anchor = r.target().substring(r.target().indexOf('#') + 1);
        if (doc.equals("glossary")) {
            if (!anchor.isEmpty() && !glossaryIds.contains(anchor.replaceFirst("^glossary-", ""))) {
                problems.add(c.file(), r.line(), "cross-reference to glossary term \"" + anchor + "\": no such term in src/glossary.yaml");
            }
            return;
        }
        Chapter target = chapters.get(doc);
        if (target == null) {
            problems.add(c.file(), r.line(), "cross-reference to chapter \"" + doc + "\": no such chapter in " + c.lang());
        } else if (!anchor.isEmpty() && !target.anchors().contains(anchor)) {
            problems.add(c.file(), r.line(), "cross-reference to \"" + anchor + "\": no such id in chapter " + doc
                    + " (its sections: " + String.join(", ", target.sections().stream().map(Chapter.Section::id).toList())
                    + (doc.equals(c.id()) ? "; for another chapter write xref:CHAPTER.adoc#ID[text]" : "") + ")");
        }
    }
}
