package jlab.engine.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Variables and quotes in the instructions Docker substitutes (ENV, ARG, LABEL, WORKDIR, USER, EXPOSE,
 * VOLUME, COPY, ADD, FROM), as Docker's own small shell lexer does — not a shell: no commands, no
 * globbing. RUN, CMD and ENTRYPOINT are left alone: their shell substitutes when the container runs.
 *
 * <ul>
 * <li>{@code $NAME} and {@code ${NAME}}: the value, or nothing when NAME is not set;</li>
 * <li>{@code ${NAME:-word}}: word when NAME is unset or empty; {@code ${NAME-word}}: when unset;</li>
 * <li>{@code ${NAME:+word}}: word when NAME is set and not empty, else nothing; {@code ${NAME+word}}: when set;</li>
 * <li>{@code ${NAME:?message}}: an error when NAME is unset or empty;</li>
 * <li>{@code 'single quotes'} keep everything as written; {@code "double quotes"} substitute but keep
 *     blanks; the escape character ({@code \}, or {@code `} under {@code # escape=`}) makes the next
 *     character plain ({@code \$HOME} is {@code $HOME}).</li>
 * </ul>
 * The quotes themselves are removed. Words are split at blanks outside quotes, not at the blanks of a
 * variable's value, quoted or not: unlike a shell, Docker does not split a value ({@code ARG G="a b"}
 * then {@code ENV MSG=$G} sets MSG to {@code a b}). EXPOSE alone splits them (ExposeInstruction).
 */
final class ShellWords {
    private final char escape;

    ShellWords(char escape) { this.escape = escape; }

    /** Thrown for a mistake in the text; the caller adds the line. */
    static final class SyntaxError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SyntaxError(String message) { super(message); }
    }

    /** The text as one word: substituted, quotes removed, blanks kept (WORKDIR, USER, an ENV value). */
    String word(String text, Map<String, String> env) {
        Lexer l = new Lexer(text, env, false);
        l.run();
        return String.join("", l.words);
    }

    /** The text as words: split at unquoted blanks, substituted, quotes removed (EXPOSE, COPY, ENV a=1 b=2). */
    List<String> words(String text, Map<String, String> env) {
        Lexer l = new Lexer(text, env, true);
        l.run();
        return l.words;
    }

    /** Only the variables (the exec form's strings: their quotes were JSON's, already removed). */
    String substituteOnly(String text, Map<String, String> env) {
        StringBuilder out = new StringBuilder();
        Lexer l = new Lexer(text, env, false);
        while (l.i < text.length()) {
            char c = text.charAt(l.i);
            if (c == escape && l.i + 1 < text.length() && text.charAt(l.i + 1) == '$') {
                out.append('$');
                l.i += 2;
            } else if (c == '$') {
                out.append(l.variable());
            } else {
                out.append(c);
                l.i++;
            }
        }
        return out.toString();
    }

    private final class Lexer {
        final String s;
        final Map<String, String> env;
        final boolean split;
        final List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord;
        int i;

        Lexer(String s, Map<String, String> env, boolean split) {
            this.s = s;
            this.env = env;
            this.split = split;
        }

        void run() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == escape) {
                    if (i + 1 < s.length()) word.append(s.charAt(i + 1));
                    i += 2;
                    inWord = true;
                } else if (c == '\'') {
                    int end = s.indexOf('\'', i + 1);
                    if (end < 0) throw new SyntaxError("unterminated single quote in: " + s);
                    word.append(s, i + 1, end);
                    i = end + 1;
                    inWord = true;
                } else if (c == '"') {
                    doubleQuoted();
                    inWord = true;
                } else if (c == '$') {
                    unquotedValue(variable());
                } else if (split && Character.isWhitespace(c)) {
                    endWord();
                    i++;
                } else {
                    word.append(c);
                    inWord = true;
                    i++;
                }
            }
            endWord();
            if (!split && words.isEmpty()) words.add("");
        }

        private void endWord() {
            if (inWord) words.add(word.toString());
            word = new StringBuilder();
            inWord = false;
        }

        /** An unquoted variable's value: part of the word, blanks and all; an empty one makes no word by itself. */
        private void unquotedValue(String v) {
            word.append(v);
            inWord |= !v.isEmpty();
        }

        private void doubleQuoted() {
            i++; // the opening quote
            while (true) {
                if (i >= s.length()) throw new SyntaxError("unterminated double quote in: " + s);
                char c = s.charAt(i);
                if (c == '"') {
                    i++;
                    return;
                }
                if (c == escape && i + 1 < s.length()) {
                    char n = s.charAt(i + 1);
                    if (n == '"' || n == '$' || n == escape) {
                        word.append(n);
                        i += 2;
                        continue;
                    }
                }
                if (c == '$') {
                    word.append(variable());
                } else {
                    word.append(c);
                    i++;
                }
            }
        }

        /** At a '$': the value it stands for; moves past it. A '$' that starts no name is itself. */
        String variable() {
            i++; // the '$'
            if (i >= s.length()) return "$";
            char c = s.charAt(i);
            if (c == '{') return braced();
            if (!isNameStart(c)) return "$";
            int start = i;
            while (i < s.length() && isNamePart(s.charAt(i))) i++;
            return env.getOrDefault(s.substring(start, i), "");
        }

        /** ${NAME}, ${NAME:-word}, ${NAME-word}, ${NAME:+word}, ${NAME+word}, ${NAME:?message}, ${NAME?message}. */
        private String braced() {
            i++; // the '{'
            int start = i;
            while (i < s.length() && isNamePart(s.charAt(i))) i++;
            String name = s.substring(start, i);
            if (name.isEmpty() || i >= s.length()) throw new SyntaxError("bad substitution: ${" + s.substring(start) + " (expected ${NAME})");
            if (s.charAt(i) == '}') {
                i++;
                return env.getOrDefault(name, "");
            }
            boolean colon = s.charAt(i) == ':';
            if (colon) i++;
            char op = i < s.length() ? s.charAt(i) : '}';
            if (op != '-' && op != '+' && op != '?') {
                throw new SyntaxError("unsupported modifier in ${" + name + (colon ? ":" : "") + op
                        + "...}: jlab, as Docker, knows ${NAME:-word}, ${NAME:+word} and ${NAME:?message}");
            }
            i++;
            String word = nestedWord();
            String value = env.get(name);
            boolean set = value != null && (!colon || !value.isEmpty());
            return switch (op) {
                case '-' -> set ? value : word;
                case '+' -> set ? word : "";
                default -> {
                    if (!set) throw new SyntaxError(name + ": " + (word.isEmpty() ? "is not set" : word));
                    yield value;
                }
            };
        }

        /** The word of a ${NAME:-word}, up to its '}': itself substituted, its quotes removed. */
        private String nestedWord() {
            int depth = 0;
            int start = i;
            for (; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == escape) {
                    i++;
                } else if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    if (depth == 0) break;
                    depth--;
                }
            }
            if (i >= s.length()) throw new SyntaxError("missing '}' in: " + s);
            String inner = s.substring(start, i);
            i++; // the '}'
            return word(inner, env);
        }
    }

    private static boolean isNameStart(char c) { return Character.isLetter(c) || c == '_'; }

    private static boolean isNamePart(char c) { return Character.isLetterOrDigit(c) || c == '_'; }
}
