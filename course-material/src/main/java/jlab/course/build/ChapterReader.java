package jlab.course.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a chapter's AsciiDoc source line by line for what the build must
 * check — not a full AsciiDoc parser: the conventions of README.md (header
 * attributes, an explicit id before every section) keep it simple and make
 * the chapters regular for the writers, too.
 */
public final class ChapterReader {
    private static final Pattern ATTRIBUTE = Pattern.compile("^:([\\w-]+):\\s*(.*)$");
    private static final Pattern SECTION = Pattern.compile("^(={2,6})\\s+(\\S.*)$");
    private static final Pattern ANCHOR_LINE = Pattern.compile("^\\[(?:#([\\w-]+)[^\\]]*|\\[([\\w-]+)(?:,[^\\]]*)?\\])\\]$");
    private static final Pattern INLINE_ANCHOR = Pattern.compile("\\[\\[([\\w-]+)(?:,[^\\]]*)?\\]\\]|\\[#([\\w-]+)[.\\w-]*\\]#");
    private static final Pattern XREF_ANGLE = Pattern.compile("<<([\\w.#/-]+)(?:,[^>]*)?>>");
    private static final Pattern XREF_MACRO = Pattern.compile("xref:([\\w.#/-]+)\\[");
    private static final Pattern LAB_LINK = Pattern.compile("\\{lab-base\\}([\\w.-]+)|/labs/([\\w.-]+)");
    private static final Set<String> DELIMITERS = Set.of("----", "....", "////", "++++", "```");

    private final Problems problems;
    private final SnippetChecks snippets;

    /** {@code directories}: what {sessionsdir} and {demosdir} stand for; {@code images}: src/images. */
    public ChapterReader(Problems problems, Map<String, Path> directories, Path images) {
        this.problems = problems;
        this.snippets = new SnippetChecks(problems, directories, images);
    }

    public Chapter read(Path file, String lang) throws IOException {
        String id = file.getFileName().toString().replaceFirst("\\.adoc$", "");
        List<String> lines = Files.readAllLines(file);
        if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            problems.add(file, 1, "chapter id \"" + id + "\" (the file's name): use lower-case letters, digits and dashes (/course/ID)");
        }
        String title = null;
        int number = 0, numberLine = 0, labsLine = 0;
        String summary = null;
        List<String> labs = List.of();
        List<Chapter.Section> sections = new ArrayList<>();
        Set<String> anchors = new LinkedHashSet<>();
        List<Chapter.Reference> references = new ArrayList<>();
        String pendingAnchor = null;
        String delimiter = null;
        boolean header = true;
        for (int i = 0; i < lines.size(); i++) {
            int n = i + 1;
            String line = lines.get(i);
            if (delimiter != null) { // inside a listing, a literal or a comment: only includes count
                if (line.equals(delimiter)) delimiter = null;
                else snippets.checkInclude(file, n, line);
                continue;
            }
            if (DELIMITERS.contains(line)) { delimiter = line; pendingAnchor = null; continue; }
            if (line.startsWith("//")) continue;
            if (header && title == null && line.startsWith("= ")) { title = line.substring(2).strip(); continue; }
            Matcher attr = ATTRIBUTE.matcher(line);
            if (header && attr.matches()) {
                String value = attr.group(2);
                while (value.endsWith(" \\") && i + 1 < lines.size()) { // a value continued on the next line
                    value = value.substring(0, value.length() - 2) + " " + lines.get(++i).strip();
                }
                switch (attr.group(1)) {
                    case "jlab-chapter" -> { number = parseNumber(file, n, value); numberLine = n; }
                    case "jlab-labs" -> { labs = words(value); labsLine = n; for (String lab : labs) references.add(new Chapter.Reference("lab", lab, n)); }
                    case "description" -> summary = value.strip();
                    default -> { }
                }
                continue;
            }
            if (line.isBlank()) { if (title != null) header = false; continue; }
            header = false;
            Matcher anchor = ANCHOR_LINE.matcher(line);
            if (anchor.matches()) {
                if (i > 0 && !lines.get(i - 1).isBlank() && !lines.get(i - 1).startsWith("[")) {
                    problems.add(file, n, "put a blank line above " + line + ": without it, it belongs to the paragraph above");
                }
                pendingAnchor = anchor.group(1) != null ? anchor.group(1) : anchor.group(2);
                anchors.add(pendingAnchor);
                continue;
            }
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                int level = section.group(1).length() - 1;
                String sectionTitle = section.group(2).strip();
                if (pendingAnchor == null) {
                    problems.add(file, n, "section \"" + sectionTitle + "\" has no id: put [#" + id
                            + "-SOMETHING] on the line above it (ids are the same in French and English)");
                } else if (!pendingAnchor.startsWith(id + "-")) {
                    problems.add(file, n - 1, "section id \"" + pendingAnchor + "\" must start with \"" + id
                            + "-\" (ids are unique across the book)");
                }
                sections.add(new Chapter.Section(pendingAnchor, sectionTitle, level, n));
                pendingAnchor = null;
                continue;
            }
            if (!line.startsWith("[")) pendingAnchor = null;
            scanInline(file, n, line, id, anchors, references);
            snippets.checkInclude(file, n, line);
        }
        if (title == null) problems.add(file, 1, "the chapter has no title: its first line must be \"= Title\"");
        if (numberLine == 0) problems.add(file, 1, "the chapter has no number: add \":jlab-chapter: N\" under its title");
        if (summary == null || summary.isBlank()) problems.add(file, 1, "the chapter has no summary: add \":description: one paragraph\" under its title");
        if (labsLine == 0) problems.add(file, 1, "the chapter does not list its labs: add \":jlab-labs: lab-id ...\" under its title (empty if none)");
        List<Chapter.Section> top = sections.stream().filter(s -> s.level() == 1).toList();
        if (top.isEmpty() || !(id + "-labs").equals(top.get(top.size() - 1).id())) {
            problems.add(file, top.isEmpty() ? lines.size() : top.get(top.size() - 1).line(), "the chapter's last section must be its labs: [#"
                    + id + "-labs] then \"== Travaux pratiques\" (fr) or \"== Labs\" (en), even when there is none");
        }
        return new Chapter(id, lang, file, number, numberLine, title, summary, labs, labsLine,
                List.copyOf(sections), anchors, List.copyOf(references));
    }

    private void scanInline(Path file, int n, String line, String chapterId, Set<String> anchors,
                            List<Chapter.Reference> references) {
        Matcher a = INLINE_ANCHOR.matcher(line);
        while (a.find()) anchors.add(a.group(1) != null ? a.group(1) : a.group(2));
        for (Pattern xref : List.of(XREF_ANGLE, XREF_MACRO)) {
            Matcher x = xref.matcher(line);
            while (x.find()) references.add(new Chapter.Reference("xref", normalise(x.group(1), chapterId), n));
        }
        Matcher lab = LAB_LINK.matcher(line);
        while (lab.find()) references.add(new Chapter.Reference("lab", lab.group(1) != null ? lab.group(1) : lab.group(2), n));
        snippets.checkImages(file, n, line);
    }

    /** "chroot.adoc#chroot-history" and "chroot-history" (same chapter) both become "chroot#chroot-history". */
    static String normalise(String target, String chapterId) {
        int hash = target.indexOf('#');
        if (hash < 0) return target.endsWith(".adoc") ? target.replaceFirst("\\.adoc$", "") + "#" : chapterId + "#" + target;
        String doc = target.substring(0, hash).replaceFirst("\\.adoc$", "");
        return (doc.isEmpty() ? chapterId : doc) + "#" + target.substring(hash + 1);
    }

    private int parseNumber(Path file, int n, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            problems.add(file, n, ":jlab-chapter: must be a whole number, not \"" + value.strip() + "\"");
            return 0;
        }
    }

    private static List<String> words(String value) {
        String v = value.strip();
        return v.isEmpty() ? List.of() : List.of(v.split("[\\s,]+"));
    }
}
