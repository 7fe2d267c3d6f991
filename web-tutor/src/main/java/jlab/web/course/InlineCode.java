package jlab.web.course;

/**
 * The one mark the course's JSON texts carry — {@code `code`} in backquotes
 * (course-material/README.md) — turned into HTML: the text escaped, each
 * backquoted run in {@code <code>}. So a quiz can say {@code `unshare --uts`}
 * and nothing a text holds can become markup.
 */
public final class InlineCode {
    private InlineCode() {}

    public static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean inCode = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '`' -> {
                    out.append(inCode ? "</code>" : "<code>");
                    inCode = !inCode;
                }
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        if (inCode) out.append("</code>");
        return out.toString();
    }
}
