package jlab.shell.format;

import java.util.List;

/**
 * Go's {@code printf} for templates, the verbs people use there: {@code %s} and {@code %v} (the value
 * as Go prints it), {@code %d} (a whole number), {@code %q} (a quoted string), {@code %%}, each with an
 * optional width ({@code %-20s} pads on the right, {@code %8d} on the left).
 */
final class TemplatePrintf {
    private TemplatePrintf() {}

    static String format(TemplateExpr.Call call, List<Object> args) {
        if (args.isEmpty() || !(args.get(0) instanceof String format)) throw call.error("printf needs a format string first");
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int j = i + 1;
            boolean left = j < format.length() && format.charAt(j) == '-';
            if (left) j++;
            int widthStart = j;
            while (j < format.length() && Character.isDigit(format.charAt(j))) j++;
            if (j >= format.length()) throw call.error("printf: format ends in the middle of a verb");
            int width = j > widthStart ? Integer.parseInt(format.substring(widthStart, Math.min(j, widthStart + 4))) : 0;
            char verb = format.charAt(j);
            i = j;
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (next >= args.size()) throw call.error("printf: %" + verb + " has no argument left");
            Object v = args.get(next++);
            String text = switch (verb) {
                case 's', 'v' -> GoTemplate.print(v);
                case 'd' -> {
                    if (!(v instanceof Number n)) throw call.error("printf: %d of " + GoTemplate.print(v));
                    yield Long.toString(n.longValue());
                }
                case 'q' -> quote(GoTemplate.print(v));
                default -> throw call.error("printf: the verb %" + verb + " is not known here (%s %v %d %q %%)");
            };
            String pad = " ".repeat(Math.max(0, width - text.length()));
            out.append(left ? text + pad : pad + text);
        }
        return out.toString();
    }

    /** As Go's %q: in double quotes, with \, " and control characters escaped. */
    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
