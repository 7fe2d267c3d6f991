package jlab.shell.format;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --format} of the list commands ({@code ps}, {@code images}), as Docker reads it:
 * <ul>
 *   <li>{@code json}: each row as one line of JSON;</li>
 *   <li>{@code table TEMPLATE}: a header line, then a line per row, the tab-separated cells aligned in
 *       columns ({@code table {{.ID}}\t{{.Names}}}); "table" alone, or no format, the command's own columns;</li>
 *   <li>any other TEMPLATE: its text for each row, one line each ({@code {{.Names}}}).</li>
 * </ul>
 * The header is the template applied to the columns' names ({@code ID} is "CONTAINER ID"), as
 * Docker makes it.
 */
public final class ListFormat {
    /** Go's tabwriter as docker's formatter sets it: a column is at least 10 wide, with 3 blanks after its widest cell. */
    private static final int MIN_WIDTH = 10;
    private static final int PADDING = 3;

    private final GoTemplate template;
    private final boolean table;
    private final Map<String, String> headers;

    private ListFormat(GoTemplate template, boolean table, Map<String, String> headers) {
        this.template = template;
        this.table = table;
        this.headers = headers;
    }

    /** No format, an empty one or "table": the command's own columns (and -q still means the IDs alone). */
    public static boolean isDefault(String format) {
        return format == null || format.isBlank() || format.strip().equals("table");
    }

    /**
     * {@code headers}: each key a row has, and its column's title; {@code defaultTable}: the template of
     * the command's own columns, for no format, an empty one or "table". A template that does not parse
     * is one line on {@code err} and null.
     */
    public static ListFormat read(String format, Map<String, String> headers, String defaultTable, PrintStream err) {
        String f = isDefault(format) ? "table " + defaultTable : format;
        boolean table = f.startsWith("table ");
        String text = f.equals("json") ? "{{json .}}" : table ? f.substring(6) : f;
        // as Docker's formatter: blanks around go, and a \t or \n typed in single quotes is a tab or a new line
        text = text.replaceAll("^ +| +$", "").replace("\\t", "\t").replace("\\n", "\n");
        try {
            return new ListFormat(GoTemplate.parse(text), table, headers);
        } catch (TemplateException e) {
            err.println(e.said());
            return null;
        }
    }

    /**
     * Prints the rows, maps of strings and numbers (as JSON would give them: no conversion, so that
     * {@code ps} does not load Jackson); 0, or 1 after one line on {@code err} if the template fails on a row.
     */
    public int print(List<Map<String, Object>> rows, PrintStream out, PrintStream err) {
        List<String> lines = new ArrayList<>();
        try {
            if (table) lines.add(template.executeHeader(headers));
            for (Map<String, Object> row : rows) lines.add(template.execute(row));
        } catch (TemplateException e) {
            err.println(e.said());
            return 1;
        }
        (table ? aligned(lines) : lines).forEach(out::println);
        return 0;
    }

    /** Go's tabwriter: each tab-ended cell padded to its column's width; the last cell of a line as it is. */
    static List<String> aligned(List<String> lines) {
        List<Integer> widths = new ArrayList<>();
        for (String l : lines) {
            String[] cells = l.split("\t", -1);
            for (int c = 0; c < cells.length - 1; c++) {
                int w = Math.max(MIN_WIDTH, cells[c].length() + PADDING);
                if (c == widths.size()) widths.add(w);
                else widths.set(c, Math.max(widths.get(c), w));
            }
        }
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            String[] cells = l.split("\t", -1);
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < cells.length; c++) {
                b.append(cells[c]);
                if (c < cells.length - 1) b.append(" ".repeat(widths.get(c) - cells[c].length()));
            }
            out.add(b.toString().stripTrailing());
        }
        return out;
    }
}
