package jlab.course.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the book of each language as one AsciiDoc file that Asciidoctor
 * renders after the chapters (target/generated-adoc/book/LANG/book.adoc):
 * every chapter in course order, its quiz printed after it with the answers,
 * the glossary at the end.
 *
 * <p>The chapters are copied in, not included, so that one Asciidoctor run
 * renders both books: a cross-reference to another chapter
 * ({@code xref:chroot.adoc#chroot-labs[...]}, a link to /course/chroot in the
 * tutor) becomes one inside the book ({@code xref:chroot-labs[...]}). The
 * chapters' own includes and images keep working: their paths are absolute
 * attributes. Asciidoctor has already checked each chapter, with its own file
 * and line, when it rendered the pages.
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

    /** {@code chapters}: this language's chapters, in course order. */
    public void book(String lang, List<Chapter> chapters, Map<String, Quiz> quizzes, List<Term> glossary) throws IOException {
        StringBuilder a = new StringBuilder("= " + BOOK_TITLE.get(lang) + "\n:doctype: book\n:lang: " + lang
                + "\n:toc-title: " + TOC_TITLE.get(lang) + "\n\n");
        for (Chapter c : chapters) {
            a.append(":leveloffset: 1\n\n[#").append(c.id()).append("]\n");
            a.append(inBook(Files.readString(c.file()))).append("\n\n");
            if (quizzes.containsKey(c.id())) a.append(quiz(lang, quizzes.get(c.id())));
            a.append(":leveloffset!:\n\n");
        }
        a.append("[#glossary]\n== ").append(GLOSSARY_TITLE.get(lang)).append("\n\n").append(GlossaryPage.adoc(lang, glossary));
        Path file = generated.resolve("book").resolve(lang).resolve("book.adoc");
        Files.createDirectories(file.getParent());
        Files.writeString(file, a.toString());
    }

    /** A chapter's text with its links to other pages turned into links inside the book. */
    static String inBook(String chapter) {
        return chapter.replaceAll("xref:[\\w-]+\\.adoc#([\\w-]+)\\[", "xref:$1[")
                .replaceAll("xref:([\\w-]+)\\.adoc\\[", "xref:$1[")
                .replaceAll("<<[\\w-]+\\.adoc#([\\w-]+)", "<<$1");
    }

    /** The quiz as a numbered list, the answers after it (the tutor grades the JSON; the book prints this). */
    static String quiz(String lang, Quiz quiz) {
        StringBuilder a = new StringBuilder("[#" + quiz.chapter() + "-quiz]\n== " + QUIZ_TITLE.get(lang) + "\n\n");
        for (Quiz.Question q : quiz.questions()) {
            a.append(". ").append(q.question().get(lang)).append("\n");
            // The choices as a, b, c... in the order written (AsciiDoc numbers a nested list so).
            for (Quiz.Choice c : q.choices()) a.append(".. ").append(c.text().get(lang)).append("\n");
            a.append("\n");
        }
        a.append(".").append(ANSWERS_TITLE.get(lang)).append("\n[%collapsible]\n====\n");
        int n = 1;
        for (Quiz.Question q : quiz.questions()) {
            int index = 0;
            for (int i = 0; i < q.choices().size(); i++) if (q.choices().get(i).id().equals(q.answer())) index = i;
            a.append(n++).append(". ").append((char) ('a' + index)).append(" — ").append(q.why().get(lang)).append("\n");
        }
        return a.append("====\n\n").toString();
    }
}
