package jlab.kernel.proc;

/**
 * The kernel's escaping of paths in mountinfo: a field may not contain the space
 * that separates fields, nor a newline, so space, tab, newline and backslash are
 * written as a backslash and three octal digits.
 *
 * <pre>
 * \040 space    \011 tab    \012 newline    \134 backslash
 * </pre>
 *
 * A directory named {@code my disk} shows as {@code my\040disk}. Other bytes are
 * written as they are, so everything else in the line is plain text.
 */
final class OctalEscapes {
    private OctalEscapes() {}

    static String unescape(String field) {
        if (field.indexOf('\\') < 0) return field;
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Three octal digits at {@code from}. */
    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) return false;
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') return false;
        }
        return true;
    }
}
