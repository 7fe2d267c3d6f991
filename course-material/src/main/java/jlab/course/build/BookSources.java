package jlab.course.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes the AsciiDoc that Asciidoctor renders after the chapters: the
 * glossary page of each language, each quiz as printable text, and the book
 * of each language (every chapter included in course order, its quiz after
 * it, the glossary at the end). Generated files live under
 * target/generated-adoc; files whose name starts with "_" are only included.
 */
public final class BookSources {
    private static final Map<String, String> BOOK_TITLE = Map.of(
            "fr", "Les conteneurs Linux, de l'intérieur", "en", "Linux containers, from the inside");
    private static final Map<String, String> GLOSSARY_TITLE = Map.of("fr", "Glossaire", "en", "Glossary");
    private static final Map<String, String> QUIZ_TITLE = Map.of("fr", "Testez-vous", "en", "Check yourself");
    private static final Map<String, String> ANSWERS_TITLE = Map.of("fr", "Réponses", "en", "Answers");
    private static final Map<String, String> TOC_TITLE = Map.of("fr", "Table des matières", "en", "Contents");

    private final Path generated;

    public BookSources(Path generated) {
        this.generated = generated;
    }

    public void glossary(String lang, List<Term> terms) throws IOException {
        String other = lang.equals("fr") ? "en" : "fr";
        StringBuilder a = new StringBuilder("= " + GLOSSARY_TITLE.get(lang) + "\n:lang: " + lang + "\n\n");
        // Sorted as a dictionary of that language sorts (é with e, not after z).
        java.text.Collator collator = java.text.Collator.getInstance(java.util.Locale.forLanguageTag(lang));
        terms.stream().sorted(Comparator.comparing((Term t) -> t.term().get(lang), collator))
                .forEach(t -> a.append("[[glossary-").append(t.id()).append("]]").append(t.term().get(lang))
                        .append(" (").append(other).append(": _").append(t.term().get(other)).append("_)")
                        .append("::\n").append(t.definition().get(lang)).append("\n\n"));
        write(generated.resolve("glossary").resolve(lang).resolve("glossary.adoc"), a.toString());
    }

    /** The quiz as a numbered list, the answers after it (the tutor grades the JSON; the book prints this). */
    public void quiz(String lang, Quiz quiz) throws IOException {
        StringBuilder a = new StringBuilder("[#" + quiz.chapter() + "-quiz]\n== " + QUIZ_TITLE.get(lang) + "\n\n");
        int n = 1;
        for (Quiz.Question q : quiz.questions()) {
            a.append(". ").append(q.question().get(lang)).append("\n");
            for (Quiz.Choice c : q.choices()) a.append(".. ").append(c.text().get(lang)).append("\n");
            a.append("\n");
            n++;
        }
        a.append("." + ANSWERS_TITLE.get(lang) + "\n[%collapsible]\n====\n");
        n = 1;
        for (Quiz.Question q : quiz.questions()) {
            int index = 0;
            for (int i = 0; i < q.choices().size(); i++) if (q.choices().get(i).id().equals(q.answer())) index = i;
            a.append(n++).append(". ").append((char) ('a' + index)).append(" — ").append(q.why().get(lang)).append("\n+\n");
        }
        a.setLength(a.length() - 2);
        a.append("====\n");
        write(generated.resolve("book").resolve(lang).resolve("_quiz-" + quiz.chapter() + ".adoc"), a.toString());
    }

    /** {@code chapters}: this language's chapter files, in course order; {@code quizzes}: ids with a quiz. */
    public void book(String lang, List<Chapter> chapters, java.util.Set<String> quizzes) throws IOException {
        StringBuilder a = new StringBuilder("= " + BOOK_TITLE.get(lang) + "\n:doctype: book\n:lang: " + lang
                + "\n:toc-title: " + TOC_TITLE.get(lang) + "\n\n");
        for (Chapter c : chapters) {
            // Relative to the book's base directory, the chapters' own (pom.xml), so that a
            // cross-reference between chapters becomes a link inside the book.
            a.append("include::").append(c.file().getFileName()).append("[leveloffset=+1]\n\n");
            if (quizzes.contains(c.id())) {
                a.append("include::").append(generated.resolve("book").resolve(lang).resolve("_quiz-" + c.id() + ".adoc").toAbsolutePath())
                        .append("[leveloffset=+1]\n\n");
            }
        }
        a.append("include::").append(generated.resolve("glossary").resolve(lang).resolve("glossary.adoc").toAbsolutePath())
                .append("[leveloffset=+1]\n");
        write(generated.resolve("book").resolve(lang).resolve("book.adoc"), a.toString());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
