package jlab.shell.format;

import java.util.ArrayList;
import java.util.List;

/** Splits an action into words: fields, variables, names, strings, numbers, and ( ) | , := . */
final class TemplateLexer {
    enum Kind { FIELD, VARIABLE, IDENT, STRING, NUMBER, LPAREN, RPAREN, PIPE, COMMA, DECLARE }

    /** {@code adjacent}: no blank before it, as in {@code (index .Mounts 0).Source}. */
    record Token(Kind kind, String text, boolean adjacent) {}

    private final String s;
    private final int line;
    private int i;

    TemplateLexer(String action, int line) {
        this.s = action;
        this.line = line;
    }

    List<Token> tokens() {
        List<Token> out = new ArrayList<>();
        while (true) {
            int before = i;
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
            if (i >= s.length()) return out;
            boolean adjacent = i == before && !out.isEmpty();
            char c = s.charAt(i);
            int start = i;
            Kind kind;
            if (c == '.') {
                i++;
                while (i < s.length() && (name(s.charAt(i)) || s.charAt(i) == '.' && i + 1 < s.length() && name(s.charAt(i + 1)))) i++;
                kind = Kind.FIELD;
            } else if (c == '$') {
                i++;
                while (i < s.length() && (name(s.charAt(i)) || s.charAt(i) == '.' && i + 1 < s.length() && name(s.charAt(i + 1)))) i++;
                kind = Kind.VARIABLE;
            } else if (Character.isLetter(c) || c == '_') {
                while (i < s.length() && name(s.charAt(i))) i++;
                kind = Kind.IDENT;
            } else if (c == '"' || c == '`') {
                out.add(new Token(Kind.STRING, string(c), adjacent));
                continue;
            } else if (Character.isDigit(c) || c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) {
                i++;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
                kind = Kind.NUMBER;
            } else if (c == ':' && s.startsWith(":=", i)) {
                i += 2;
                kind = Kind.DECLARE;
            } else {
                i++;
                kind = switch (c) {
                    case '(' -> Kind.LPAREN;
                    case ')' -> Kind.RPAREN;
                    case '|' -> Kind.PIPE;
                    case ',' -> Kind.COMMA;
                    default -> throw new TemplateException(line, "unexpected \"" + c + "\" in command");
                };
            }
            out.add(new Token(kind, s.substring(start, i), adjacent));
        }
    }

    private static boolean name(char c) { return Character.isLetterOrDigit(c) || c == '_'; }

    /** A Go string: "..." with \n \t \" \\ escapes, or `...` taken as it is. */
    private String string(char quote) {
        StringBuilder out = new StringBuilder();
        i++;
        while (i < s.length() && s.charAt(i) != quote) {
            char c = s.charAt(i++);
            if (c == '\\' && quote == '"' && i < s.length()) {
                char e = s.charAt(i++);
                out.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case '"', '\\' -> e;
                    default -> throw new TemplateException(line, "unknown escape sequence \\" + e);
                });
            } else {
                out.append(c);
            }
        }
        if (i >= s.length()) throw new TemplateException(line, "unterminated quoted string");
        i++;
        return out.toString();
    }
}
