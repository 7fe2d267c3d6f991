package jlab.web.tutor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AsciiDoc to HTML, for the part of AsciiDoc that lab instructions use, into the markup Asciidoctor writes
 * for it (its classes: the lab page's style and terminal.js, which makes a {@code role=jlab-cmd} listing's
 * lines clickable, work on both alike).
 *
 * <p>The built-in labs' instructions are rendered by Asciidoctor when jlab is built; an instructor's labs
 * ({@code JLAB_LABS_DIR}) arrive later, as AsciiDoc, and jlab carries no AsciiDoc processor at run time
 * (Asciidoctor is Ruby: JRuby alone is some 25 MB). This renders what the labs' own instructions use, and
 * {@code AsciidocSubsetTest} checks it against Asciidoctor's rendering of every built-in lab:
 *
 * <ul>
 *   <li>the document title ({@code = }, shown by the page already, so left out), sections {@code ==} and
 *       {@code ===}, with Asciidoctor's ids;</li>
 *   <li>paragraphs; {@code NOTE:}, {@code TIP:}, {@code IMPORTANT:}, {@code WARNING:}, {@code CAUTION:};</li>
 *   <li>listing blocks ({@code ----}) with a {@code [source,LANG,role=ROLE]} line and callouts {@code <1>},
 *       literal blocks ({@code ....}), callout lists, bullet ({@code *}, {@code -}) and numbered
 *       ({@code .}) lists, block titles ({@code .Title});</li>
 *   <li>inline: {@code `code`}, {@code *strong*}, {@code _emphasis_}, {@code https://…[text]} and
 *       {@code link:…[text]}.</li>
 * </ul>
 *
 * Anything else is shown as text. Every character of the source is escaped: an instructor's file never
 * puts markup of its own into the page.
 */
final class AsciidocSubset {
    private static final Pattern SECTION = Pattern.compile("(={2,3}) +(.+)");
    private static final Pattern ATTRIBUTES = Pattern.compile("\\[([^\\]]*)]");
    private static final Pattern ADMONITION = Pattern.compile("(NOTE|TIP|IMPORTANT|WARNING|CAUTION): +(.*)");
    private static final Pattern CALLOUT_ITEM = Pattern.compile("<(\\d+|\\.)> +(.*)");
    private static final Pattern BULLET = Pattern.compile("[*-] +(.*)");
    private static final Pattern NUMBERED = Pattern.compile("\\. +(.*)");
    private static final Pattern BLOCK_TITLE = Pattern.compile("\\.([^.\\s].*)");
    private static final Pattern CALLOUT = Pattern.compile("&lt;(\\d+)&gt;(?=(\\s*&lt;\\d+&gt;)*\\s*$)");

    private final List<String> lines;
    private final StringBuilder html = new StringBuilder();
    private int at;
    /** The block attributes ({@code [source,console,role=jlab-cmd]}) and title that apply to the next block. */
    private String pendingAttributes = "";
    private String pendingTitle;
    private final java.util.Set<String> ids = new java.util.HashSet<>();

    private AsciidocSubset(String source) {
        this.lines = source.replace("\r\n", "\n").lines().toList();
    }

    /** The HTML fragment for these instructions: the body Asciidoctor writes with {@code -s} (no header). */
    static String render(String source) {
        AsciidocSubset r = new AsciidocSubset(source);
        r.document();
        return r.html.toString();
    }

    private void document() {
        skipHeader();
        boolean inSection = false;
        boolean preamble = false;
        while (at < lines.size()) {
            String line = lines.get(at);
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                if (preamble) { html.append("</div>\n</div>\n"); preamble = false; }
                int level = section.group(1).length();
                if (level == 2) {
                    if (inSection) html.append("</div>\n</div>\n");
                    html.append("<div class=\"sect1\">\n<h2 id=\"").append(id(section.group(2))).append("\">")
                            .append(inline(section.group(2))).append("</h2>\n<div class=\"sectionbody\">\n");
                    inSection = true;
                } else {
                    html.append("<div class=\"sect2\">\n<h3 id=\"").append(id(section.group(2))).append("\">")
                            .append(inline(section.group(2))).append("</h3>\n</div>\n");
                }
                at++;
                continue;
            }
            if (!inSection && !preamble && !line.isBlank()) {
                html.append("<div id=\"preamble\">\n<div class=\"sectionbody\">\n");
                preamble = true;
            }
            block();
        }
        if (preamble || inSection) html.append("</div>\n</div>\n");
    }

    /** The document's title and the attribute lines under it ({@code :toc:}): not part of the body. */
    private void skipHeader() {
        while (at < lines.size() && lines.get(at).isBlank()) at++;
        if (at < lines.size() && lines.get(at).startsWith("= ")) {
            at++;
            while (at < lines.size() && lines.get(at).startsWith(":")) at++;
        }
    }

    /** One block from the current line: a listing, a list, an admonition or a paragraph. */
    private void block() {
        String line = lines.get(at);
        if (line.isBlank() || line.startsWith("//")) { at++; return; }
        Matcher attributes = ATTRIBUTES.matcher(line);
        if (attributes.matches()) { pendingAttributes = attributes.group(1); at++; return; }
        Matcher title = BLOCK_TITLE.matcher(line);
        if (title.matches()) { pendingTitle = title.group(1); at++; return; }
        if (line.equals("----") || line.equals("....")) listing(line);
        else if (CALLOUT_ITEM.matcher(line).matches()) list("colist arabic", "ol", CALLOUT_ITEM);
        else if (BULLET.matcher(line).matches()) list("ulist", "ul", BULLET);
        else if (NUMBERED.matcher(line).matches()) list("olist arabic", "ol", NUMBERED);
        else paragraph();
        pendingAttributes = "";
        pendingTitle = null;
    }

    private void listing(String fence) {
        List<String> body = new ArrayList<>();
        at++;
        while (at < lines.size() && !lines.get(at).equals(fence)) body.add(lines.get(at++));
        at++; // the closing fence (or the end of the file)
        String[] attrs = pendingAttributes.split(",");
        String language = attrs.length > 1 && attrs[0].strip().equals("source") && !attrs[1].contains("=") ? attrs[1].strip() : null;
        String role = "";
        for (String a : attrs) if (a.strip().startsWith("role=")) role = " " + attribute(a.strip().substring(5));
        String text = String.join("\n", body.stream().map(AsciidocSubset::escape).map(AsciidocSubset::callouts).toList());
        boolean literal = fence.equals("....");
        html.append("<div class=\"").append(literal ? "literalblock" : "listingblock").append(role).append("\">\n");
        title();
        html.append("<div class=\"content\">\n");
        if (!literal && language != null) {
            String lang = attribute(language);
            html.append("<pre class=\"highlight\"><code class=\"language-").append(lang).append("\" data-lang=\"").append(lang)
                    .append("\">").append(text).append("</code></pre>\n");
        } else {
            html.append("<pre>").append(text).append("</pre>\n");
        }
        html.append("</div>\n</div>\n");
    }

    /** Consecutive items of one kind; an item's text goes on over the lines that follow it, up to a blank line. */
    private void list(String divClass, String tag, Pattern item) {
        html.append("<div class=\"").append(divClass).append("\">\n");
        title();
        html.append("<").append(tag).append(">\n");
        while (at < lines.size()) {
            Matcher m = item.matcher(lines.get(at));
            if (!m.matches()) break;
            StringBuilder text = new StringBuilder(m.group(m.groupCount()));
            at++;
            while (at < lines.size() && !lines.get(at).isBlank() && !startsBlock(lines.get(at))) text.append('\n').append(lines.get(at++));
            html.append("<li>\n<p>").append(inline(text.toString())).append("</p>\n</li>\n");
            while (at < lines.size() && lines.get(at).isBlank() && at + 1 < lines.size() && item.matcher(lines.get(at + 1)).matches()) at++;
        }
        html.append("</").append(tag).append(">\n</div>\n");
    }

    private void paragraph() {
        StringBuilder text = new StringBuilder(lines.get(at++));
        while (at < lines.size() && !lines.get(at).isBlank() && !startsBlock(lines.get(at))) text.append('\n').append(lines.get(at++));
        Matcher admonition = ADMONITION.matcher(text);
        if (admonition.matches()) {
            String kind = admonition.group(1);
            String label = kind.charAt(0) + kind.substring(1).toLowerCase(Locale.ROOT);
            html.append("<div class=\"admonitionblock ").append(kind.toLowerCase(Locale.ROOT)).append("\">\n<table>\n<tr>\n")
                    .append("<td class=\"icon\">\n<div class=\"title\">").append(label).append("</div>\n</td>\n")
                    .append("<td class=\"content\">\n").append(inline(admonition.group(2))).append("\n</td>\n</tr>\n</table>\n</div>\n");
            return;
        }
        html.append("<div class=\"paragraph\">\n");
        title();
        html.append("<p>").append(inline(text.toString())).append("</p>\n</div>\n");
    }

    private void title() {
        if (pendingTitle != null) html.append("<div class=\"title\">").append(inline(pendingTitle)).append("</div>\n");
    }

    /** A line that ends the paragraph or list item above it. */
    private static boolean startsBlock(String line) {
        return line.equals("----") || line.equals("....") || line.startsWith("//") || SECTION.matcher(line).matches()
                || ATTRIBUTES.matcher(line).matches() || CALLOUT_ITEM.matcher(line).matches() || BULLET.matcher(line).matches()
                || NUMBERED.matcher(line).matches();
    }

    // ---- inline ---------------------------------------------------------------------------------

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern STRONG = Pattern.compile("(?<![\\w*])\\*(?=\\S)([^*]*?\\S)\\*(?![\\w*])");
    private static final Pattern EMPHASIS = Pattern.compile("(?<![\\w_])_(?=\\S)([^_]*?\\S)_(?![\\w_])");
    /** A link to the web (http, https) or to a page beside this one: never another scheme (javascript:). */
    private static final Pattern LINK = Pattern.compile("(?:link:)?(https?://[^\\s\\[\"]+|[^\\s\\[\":]+\\.html)\\[([^\\]]*)]");
    /** {@code --} between spaces (or at a line's ends) is a thin-spaced em dash; between two words, an em dash. */
    private static final Pattern SPACED_DASH = Pattern.compile("(^|\\n| )--( |\\n|$)");
    private static final Pattern WORD_DASH = Pattern.compile("(?<=\\w)--(?=\\w)");
    /** An apostrophe after a letter or digit and before a letter (the host's, PID 1's) is typeset, as Asciidoctor does. */
    private static final Pattern APOSTROPHE = Pattern.compile("(?<=[\\p{L}\\p{N}])'(?=\\p{L})");
    private static final Pattern BARE_URL = Pattern.compile("(?<![\"=>])\\bhttps?://[^\\s<\\[\"]+");

    /**
     * Escapes the text, then marks it up. Code spans are taken out first and put back last: what they
     * hold is shown as it is ({@code `*p`} is a pointer, not bold).
     */
    static String inline(String text) {
        List<String> codes = new ArrayList<>();
        Matcher c = CODE.matcher(escape(text));
        StringBuilder out = new StringBuilder();
        while (c.find()) {
            codes.add(c.group(1));
            c.appendReplacement(out, Matcher.quoteReplacement("\u0000" + (codes.size() - 1) + "\u0000"));
        }
        c.appendTail(out);
        String s = out.toString();
        s = LINK.matcher(s).replaceAll(m -> Matcher.quoteReplacement("<a href=\"" + m.group(1) + "\">"
                + (m.group(2).isEmpty() ? m.group(1) : m.group(2)) + "</a>"));
        s = BARE_URL.matcher(s).replaceAll(m -> Matcher.quoteReplacement("<a href=\"" + m.group() + "\" class=\"bare\">" + m.group() + "</a>"));
        s = STRONG.matcher(s).replaceAll("<strong>$1</strong>");
        s = EMPHASIS.matcher(s).replaceAll("<em>$1</em>");
        for (int i = 0; i < codes.size(); i++) s = s.replace("\u0000" + i + "\u0000", "<code>" + codes.get(i) + "</code>");
        return replacements(s);
    }

    /** Asciidoctor's typographic replacements, on text already escaped and marked up. */
    private static String replacements(String s) {
        s = SPACED_DASH.matcher(s).replaceAll("&#8201;&#8212;&#8201;");
        s = WORD_DASH.matcher(s).replaceAll("&#8212;&#8203;");
        s = s.replace("...", "&#8230;&#8203;").replace("-&gt;", "&#8594;").replace("=&gt;", "&#8658;")
                .replace("&lt;-", "&#8592;").replace("&lt;=", "&#8656;");
        return APOSTROPHE.matcher(s).replaceAll("&#8217;");
    }

    /** Callout marks at the end of a listing's line, as Asciidoctor writes them. */
    private static String callouts(String escapedLine) {
        return CALLOUT.matcher(escapedLine).replaceAll("<b class=\"conum\">($1)</b>");
    }

    /**
     * A section's id as Asciidoctor makes it (with jlab's idprefix empty and idseparator "-"): the title
     * marked up, its tags and character references dropped, lower case, only letters, digits, {@code _},
     * spaces, dots and dashes kept, and each run of spaces, dots and dashes one dash. The same title twice
     * gets {@code -2}, {@code -3}.
     */
    private String id(String title) {
        String plain = inline(title).replaceAll("<[^>]+>", "").replaceAll("&(?:[a-z][a-z]+\\d{0,2}|#\\d\\d\\d{0,4}|#x[\\da-f][\\da-f][\\da-f]{0,3});", "")
                .toLowerCase(Locale.ROOT);
        String id = plain.replaceAll("[^\\p{L}\\p{N}_ .-]", "").replaceAll("[ .-]+", "-").replaceAll("^-+|-+$", "");
        if (id.isEmpty()) id = "section";
        String unique = id;
        for (int n = 2; !ids.add(unique); n++) unique = id + "-" + n;
        return unique;
    }

    /** Text in HTML: Asciidoctor escapes these three, and leaves quotes as they are. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** An attribute's value, between double quotes. */
    private static String attribute(String s) {
        return escape(s).replace("\"", "&quot;");
    }
}
