package jlab.shell.format;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a template: text, and actions between {@code {{} and {@code }}}. Blocks (if, with, range)
 * hold the nodes up to their {@code {{end}}}, with an {@code {{else}}} part; {@code {{else if X}}}
 * (and {@code else with}) is an if in the else part that shares the outer {@code {{end}}}, as in Go.
 * Variables are checked here, as Go checks them: {@code $} always, and a range's own only up to its end.
 */
final class TemplateParser {
    private final String text;
    private int pos;
    private int line = 1;
    /** The action just read ended with " -}}": the next text loses its leading blanks. */
    private boolean trimNext;
    /** The variables in scope: $ at the bottom, then each open range's. */
    private final Deque<Set<String>> scopes = new ArrayDeque<>(List.of(Set.of("$")));

    TemplateParser(String text) { this.text = text; }

    List<TemplateNode> parse() {
        Block b = block();
        if (b.ending != null) throw new TemplateException(b.endLine, "unexpected {{" + b.ending + "}}");
        return b.nodes;
    }

    /**
     * Nodes up to an {{end}} or {{else}} (its word in {@code ending}, the words after an else in
     * {@code elseChain}), or to the end of the text (ending null).
     */
    private record Block(List<TemplateNode> nodes, String ending, int endLine, List<TemplateLexer.Token> elseChain) {}

    private Block block() {
        List<TemplateNode> nodes = new ArrayList<>();
        while (pos < text.length()) {
            int open = text.indexOf("{{", pos);
            boolean trimBefore = open >= 0 && text.startsWith("{{-", open) && open + 3 < text.length()
                    && Character.isWhitespace(text.charAt(open + 3));
            String literal = text.substring(pos, open < 0 ? text.length() : open);
            if (trimNext) literal = literal.stripLeading();
            if (trimBefore) literal = literal.stripTrailing();
            trimNext = false;
            if (!literal.isEmpty()) nodes.add(new TemplateNode.Text(literal));
            line += count(text, pos, open < 0 ? text.length() : open);
            if (open < 0) {
                pos = text.length();
                break;
            }
            int actionLine = line;
            int start = open + 2;
            if (trimBefore) {
                start++;
                while (start < text.length() && Character.isWhitespace(text.charAt(start))) start++;
            }
            line += count(text, open, start);
            String action = action(start);
            if (action == null) continue; // a comment
            List<TemplateLexer.Token> tokens = new TemplateLexer(action, actionLine).tokens();
            if (tokens.isEmpty()) throw new TemplateException(actionLine, "missing value for command");
            String word = tokens.get(0).text();
            switch (tokens.get(0).kind() == TemplateLexer.Kind.IDENT ? word : "") {
                case "end" -> {
                    if (tokens.size() > 1) throw new TemplateException(actionLine, "unexpected " + tokens.get(1).text() + " in end");
                    return new Block(nodes, word, actionLine, List.of());
                }
                case "else" -> {
                    return new Block(nodes, word, actionLine, tokens.subList(1, tokens.size()));
                }
                case "if", "with" -> nodes.add(conditional(word, tokens.subList(1, tokens.size()), actionLine));
                case "range" -> nodes.add(range(tokens, actionLine));
                default -> nodes.add(new TemplateNode.Print(pipeline(tokens, actionLine)));
            }
        }
        return new Block(nodes, null, line, List.of());
    }

    /** {{if P}} or {{with P}} up to its {{end}}; an {{else if Q}} is a nested if that takes that {{end}}. */
    private TemplateNode conditional(String word, List<TemplateLexer.Token> condition, int actionLine) {
        TemplateExpr.Pipeline test = pipeline(condition, actionLine);
        Block then = block();
        if (then.ending == null) throw eof(word, then);
        List<TemplateNode> otherwise = List.of();
        if (then.ending.equals("else")) {
            List<TemplateLexer.Token> chain = then.elseChain;
            if (!chain.isEmpty()) {
                String next = chain.get(0).text();
                if (chain.get(0).kind() != TemplateLexer.Kind.IDENT || !(next.equals("if") || next.equals("with"))) {
                    throw new TemplateException(then.endLine, "unexpected " + next + " in else");
                }
                otherwise = List.of(conditional(next, chain.subList(1, chain.size()), then.endLine));
            } else {
                otherwise = closed(word, block()).nodes;
            }
        }
        return new TemplateNode.If(test, word.equals("with"), then.nodes, otherwise);
    }

    private TemplateNode range(List<TemplateLexer.Token> tokens, int actionLine) {
        List<TemplateLexer.Token> rest = tokens.subList(1, tokens.size());
        String key = null;
        String value = null;
        int declare = indexOf(rest, TemplateLexer.Kind.DECLARE);
        if (declare >= 0) {
            List<TemplateLexer.Token> vars = rest.subList(0, declare);
            if (vars.size() == 1 && plainVariable(vars.get(0))) {
                value = vars.get(0).text();
            } else if (vars.size() == 3 && plainVariable(vars.get(0)) && vars.get(1).kind() == TemplateLexer.Kind.COMMA
                    && plainVariable(vars.get(2))) {
                key = vars.get(0).text();
                value = vars.get(2).text();
            } else {
                throw new TemplateException(actionLine, "range can only initialize variables: {{range $v := X}} or {{range $k, $v := X}}");
            }
            rest = rest.subList(declare + 1, rest.size());
        }
        TemplateExpr.Pipeline over = pipeline(rest, actionLine);
        Set<String> declared = new HashSet<>();
        if (key != null) declared.add(key);
        if (value != null) declared.add(value);
        scopes.push(declared);
        try {
            Block body = block();
            if (body.ending == null) throw eof("range", body);
            List<TemplateNode> otherwise = List.of();
            if (body.ending.equals("else")) {
                if (!body.elseChain.isEmpty()) throw new TemplateException(body.endLine, "unexpected " + body.elseChain.get(0).text() + " in else");
                otherwise = closed("range", block()).nodes;
            }
            return new TemplateNode.Range(key, value, over, actionLine, body.nodes, otherwise);
        } finally {
            scopes.pop();
        }
    }

    private static boolean plainVariable(TemplateLexer.Token t) {
        return t.kind() == TemplateLexer.Kind.VARIABLE && !t.text().contains(".") && !t.text().equals("$");
    }

    private TemplateExpr.Pipeline pipeline(List<TemplateLexer.Token> tokens, int actionLine) {
        Set<String> visible = new HashSet<>();
        scopes.forEach(visible::addAll);
        return new TemplateExprParser(tokens, actionLine, visible).pipeline();
    }

    /** The block after an {{else}} must end with {{end}}: the text's end is too early, a second {{else}} one too many. */
    private Block closed(String word, Block b) {
        if (b.ending == null) throw eof(word, b);
        if (!b.ending.equals("end")) throw new TemplateException(b.endLine, "unexpected {{else}}: {{" + word + "}} has one already");
        return b;
    }

    private static TemplateException eof(String word, Block b) {
        return new TemplateException(b.endLine, "unexpected EOF: {{" + word + "}} has no {{end}}");
    }

    /**
     * The action whose text starts at {@code start} (after "{{", or "{{-" and blanks), without its closing
     * braces and trim marker; null for a comment ({@code /* ... *}{@code /}, where nothing is code).
     * Moves past it.
     */
    private String action(int start) {
        int close;
        if (text.startsWith("/*", start)) {
            int end = text.indexOf("*/", start + 2);
            if (end < 0) throw new TemplateException(line, "unclosed comment");
            close = closing(end + 2);
            if (close < 0) throw new TemplateException(line, "comment ends before closing delimiter");
            finish(start, close);
            return null;
        }
        int i = start;
        char quote = 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') i++;
                else if (c == quote) quote = 0;
            } else if (c == '"' || c == '`') {
                quote = c;
            } else if (c == '}' && text.startsWith("}}", i)) {
                break;
            }
        }
        if (i >= text.length()) throw new TemplateException(line, "unclosed action");
        String inner = text.substring(start, i);
        // " -}}": a blank, then the marker, then the braces
        if (inner.length() >= 2 && inner.endsWith("-") && Character.isWhitespace(inner.charAt(inner.length() - 2))) {
            inner = inner.substring(0, inner.length() - 1);
            trimNext = true;
        }
        finish(start, i);
        return inner.strip();
    }

    /** Where "}}" is after a comment: right there, or after blanks and a "-" trim marker; -1 otherwise. */
    private int closing(int from) {
        if (text.startsWith("}}", from)) return from;
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
        if (i > from && text.startsWith("-}}", i)) {
            trimNext = true;
            return i + 1;
        }
        return -1;
    }

    /** Moves past the action that closes at {@code close} ("}}"), counting its lines. */
    private void finish(int start, int close) {
        line += count(text, start, close);
        pos = close + 2;
    }

    private static int indexOf(List<TemplateLexer.Token> tokens, TemplateLexer.Kind kind) {
        for (int i = 0; i < tokens.size(); i++) if (tokens.get(i).kind() == kind) return i;
        return -1;
    }

    private static int count(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) if (s.charAt(i) == '\n') n++;
        return n;
    }
}
