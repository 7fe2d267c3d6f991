package jlab.course.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Collator;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The glossary page of one language, written straight as the same HTML
 * fragment Asciidoctor makes of a description list (the glossary is data, and
 * a run of Asciidoctor costs seconds): each term a {@code <dt>} after
 * {@code <a id="glossary-ID">}, its other-language name in {@code <em>}, its
 * definition in {@code <dd>}. Also its AsciiDoc text, for the book.
 */
final class GlossaryPage {
    private GlossaryPage() {}

    /** The terms as a dictionary of that language sorts them (é with e, not after z). */
    static List<Term> sorted(String lang, List<Term> terms) {
        Collator collator = Collator.getInstance(Locale.forLanguageTag(lang));
        return terms.stream().sorted(Comparator.comparing((Term t) -> t.term().get(lang), collator)).toList();
    }

    static void writeHtml(Path file, String lang, List<Term> terms) throws IOException {
        String other = other(lang);
        StringBuilder h = new StringBuilder("<div class=\"dlist\">\n<dl>\n");
        for (Term t : sorted(lang, terms)) {
            h.append("<dt class=\"hdlist1\"><a id=\"glossary-").append(t.id()).append("\"></a>").append(html(t.term().get(lang)))
                    .append(" (").append(other).append(": <em>").append(html(t.term().get(other))).append("</em>)</dt>\n")
                    .append("<dd>\n<p>").append(html(t.definition().get(lang))).append("</p>\n</dd>\n");
        }
        h.append("</dl>\n</div>\n");
        Files.createDirectories(file.getParent());
        Files.writeString(file, h.toString());
    }

    /** The same list in AsciiDoc, for the book. */
    static String adoc(String lang, List<Term> terms) {
        String other = other(lang);
        StringBuilder a = new StringBuilder();
        for (Term t : sorted(lang, terms)) {
            a.append("[[glossary-").append(t.id()).append("]]").append(t.term().get(lang))
                    .append(" (").append(other).append(": _").append(t.term().get(other)).append("_)::\n")
                    .append(t.definition().get(lang)).append("\n\n");
        }
        return a.toString();
    }

    private static String other(String lang) { return lang.equals("fr") ? "en" : "fr"; }

    /** Text as HTML: escaped, and `code` in backquotes as {@code <code>} (the one mark texts may use). */
    static String html(String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        return escaped.replaceAll("`([^`]+)`", "<code>$1</code>");
    }
}
