package jlab.shell.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a template: text, and actions between {@code {{} and {@code }}}. Blocks (if, with, range)
 * hold the nodes up to their {@code {{end}}}, with an {@code {{else}}} part.
 */
final class TemplateParser {
    private final String text;
    private int pos;
    private int line = 1;
    /** The action just read ended with " -}}": the next text loses its leading blanks. */
    private boolean trimNext;

    TemplateParser(String text) { this.text = text; }

    List<TemplateNode> parse() {
        Block b = block();
        if (b.ending != null) throw new TemplateException(b.endLine, "unexpected {{" + b.ending + "}}");
        return b.nodes;
    }

    /** Nodes up to an {{end}} or {{else}} (its word in {@code ending}), or to the end of the text (null). */
    private record Block(List<TemplateNode> nodes, String ending, int endLine) {}

    private Block block() {
        List<TemplateNode> nodes = new ArrayList<>();
        while (pos < text.length()) {
            int open = text.indexOf("{{", pos);
            String literal = text.substring(pos, open < 0 ? text.length() : open);
            boolean trimBefore = open >= 0 && text.startsWith("{{- ", open);
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
            String action = action(open, trimBefore);
            if (action.startsWith("/*")) {
                if (!action.endsWith("*/")) throw new TemplateException(actionLine, "unclosed comment");
                continue;
            }
            List<TemplateLexer.Token> tokens = new TemplateLexer(action, actionLine).tokens();
            if (tokens.isEmpty()) throw new TemplateException(actionLine, "missing value for command");
            String word = tokens.get(0).text();
            switch (tokens.get(0).kind() == TemplateLexer.Kind.IDENT ? word : "") {
                case "end", "else" -> {
                    if (tokens.size() > 1) throw new TemplateException(actionLine, "unexpected " + tokens.get(1).text() + " in " + word);
                    return new Block(nodes, word, actionLine);
                }
                case "if", "with" -> nodes.add(conditional(word, tokens, actionLine));
                case "range" -> nodes.add(range(tokens, actionLine));
                default -> nodes.add(new TemplateNode.Print(new TemplateExprParser(tokens, actionLine).pipeline()));
            }
        }
        return new Block(nodes, null, line);
    }

    private TemplateNode conditional(String word, List<TemplateLexer.Token> tokens, int actionLine) {
        TemplateExpr.Pipeline condition = new TemplateExprParser(tokens.subList(1, tokens.size()), actionLine).pipeline();
        Block then = block();
        List<TemplateNode> otherwise = List.of();
        if ("else".equals(then.ending)) otherwise = closed(word, block()).nodes;
        else closed(word, then);
        return new TemplateNode.If(condition, word.equals("with"), then.nodes, otherwise);
    }

    private TemplateNode range(List<TemplateLexer.Token> tokens, int actionLine) {
        List<TemplateLexer.Token> rest = tokens.subList(1, tokens.size());
        String key = null;
        String value = null;
        int declare = indexOf(rest, TemplateLexer.Kind.DECLARE);
        if (declare >= 0) {
            List<TemplateLexer.Token> vars = rest.subList(0, declare);
            if (vars.size() == 1 && vars.get(0).kind() == TemplateLexer.Kind.VARIABLE) {
                value = vars.get(0).text();
            } else if (vars.size() == 3 && vars.get(0).kind() == TemplateLexer.Kind.VARIABLE
                    && vars.get(1).kind() == TemplateLexer.Kind.COMMA && vars.get(2).kind() == TemplateLexer.Kind.VARIABLE) {
                key = vars.get(0).text();
                value = vars.get(2).text();
            } else {
                throw new TemplateException(actionLine, "range can only initialize variables: {{range $v := X}} or {{range $k, $v := X}}");
            }
            rest = rest.subList(declare + 1, rest.size());
        }
        TemplateExpr.Pipeline over = new TemplateExprParser(rest, actionLine).pipeline();
        Block body = block();
        List<TemplateNode> otherwise = List.of();
        if ("else".equals(body.ending)) otherwise = closed("range", block()).nodes;
        else closed("range", body);
        return new TemplateNode.Range(key, value, over, actionLine, body.nodes, otherwise);
    }

    /** The block must end with {{end}}: an {{else}} here is a second one, and the text's end is too early. */
    private Block closed(String word, Block b) {
        if (b.ending == null) throw new TemplateException(b.endLine, "unexpected EOF: {{" + word + "}} has no {{end}}");
        if (!b.ending.equals("end")) throw new TemplateException(b.endLine, "unexpected {{else}}: {{" + word + "}} has one already");
        return b;
    }

    /** The action starting at {@code open}, without its braces and trim markers; moves past it. */
    private String action(int open, boolean trimBefore) {
        int i = open + 2;
        char quote = 0;
        for (; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') i++;
                else if (c == quote) quote = 0;
            } else if (c == '"' || c == '`') {
                quote = c;
            } else if (c == '}' && text.charAt(i + 1) == '}') {
                break;
            }
        }
        if (i >= text.length() - 1) throw new TemplateException(line, "unclosed action");
        String inner = text.substring(open + 2 + (trimBefore ? 2 : 0), i);
        if (inner.endsWith(" -")) {
            inner = inner.substring(0, inner.length() - 2);
            trimNext = true;
        }
        line += count(text, open, i);
        pos = i + 2;
        return inner.strip();
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
