package jlab.shell.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jlab.shell.format.TemplateLexer.Kind;
import jlab.shell.format.TemplateLexer.Token;

/** Reads a pipeline from an action's words: {@code command ( "|" command )*}. */
final class TemplateExprParser {
    private final List<Token> tokens;
    private final int line;
    /** The variables declared around this action ($, and the open ranges'). */
    private final Set<String> variables;
    private int i;

    TemplateExprParser(List<Token> tokens, int line, Set<String> variables) {
        this.tokens = tokens;
        this.line = line;
        this.variables = variables;
    }

    TemplateExpr.Pipeline pipeline() {
        TemplateExpr.Pipeline p = pipelineUntil(null);
        if (i < tokens.size()) throw unexpected(tokens.get(i));
        return p;
    }

    /** Commands separated by '|', up to {@code stop} (a closing parenthesis) or the end. */
    private TemplateExpr.Pipeline pipelineUntil(Kind stop) {
        List<TemplateExpr> commands = new ArrayList<>();
        while (true) {
            commands.add(command(stop));
            if (i < tokens.size() && tokens.get(i).kind() == Kind.PIPE) {
                i++;
                continue;
            }
            return new TemplateExpr.Pipeline(commands, line);
        }
    }

    /** A function with its arguments, or one operand. */
    private TemplateExpr command(Kind stop) {
        if (i >= tokens.size() || tokens.get(i).kind() == stop || tokens.get(i).kind() == Kind.PIPE) {
            throw new TemplateException(line, "missing value for command");
        }
        Token first = tokens.get(i);
        if (first.kind() == Kind.IDENT && TemplateExpr.Call.FUNCTIONS.contains(first.text())) {
            i++;
            List<TemplateExpr> args = new ArrayList<>();
            while (i < tokens.size() && tokens.get(i).kind() != Kind.PIPE && tokens.get(i).kind() != stop) args.add(operand());
            String source = first.text() + (args.isEmpty() ? "" : " " + String.join(" ", args.stream().map(TemplateExpr::source).toList()));
            return new TemplateExpr.Call(first.text(), args, line, source);
        }
        TemplateExpr only = operand();
        if (i < tokens.size() && tokens.get(i).kind() != Kind.PIPE && tokens.get(i).kind() != stop) {
            throw new TemplateException(line, "can't give argument to non-function " + only.source());
        }
        return only;
    }

    private TemplateExpr operand() {
        Token t = tokens.get(i++);
        return switch (t.kind()) {
            case FIELD -> fields(null, null, t.text(), t.text());
            case VARIABLE -> {
                int dot = t.text().indexOf('.');
                String variable = dot < 0 ? t.text() : t.text().substring(0, dot);
                if (!variables.contains(variable)) throw new TemplateException(line, "undefined variable \"" + variable + "\"");
                yield fields(null, variable, dot < 0 ? "" : t.text().substring(dot), t.text());
            }
            case STRING -> new TemplateExpr.Literal(t.text(), "\"" + t.text() + "\"");
            case NUMBER -> new TemplateExpr.Literal(number(t.text()), t.text());
            case LPAREN -> {
                TemplateExpr.Pipeline inner = pipelineUntil(Kind.RPAREN);
                if (i >= tokens.size()) throw new TemplateException(line, "unclosed left paren");
                i++;
                String source = "(" + inner.source() + ")";
                if (i < tokens.size() && tokens.get(i).kind() == Kind.FIELD && tokens.get(i).adjacent()) {
                    Token chain = tokens.get(i++);
                    yield fields(inner, null, chain.text(), source + chain.text());
                }
                yield inner;
            }
            case IDENT -> switch (t.text()) {
                case "true", "false" -> new TemplateExpr.Literal(Boolean.parseBoolean(t.text()), t.text());
                case "nil" -> new TemplateExpr.Literal(null, "nil");
                // a function named as an argument is called with no arguments, as in Go
                default -> {
                    if (!TemplateExpr.Call.FUNCTIONS.contains(t.text())) throw new TemplateException(line, "function \"" + t.text() + "\" not defined");
                    yield new TemplateExpr.Call(t.text(), List.of(), line, t.text());
                }
            };
            default -> throw unexpected(t);
        };
    }

    /** A whole number (a long) or a decimal one; past a long's range, Go's words. */
    private Object number(String text) {
        try {
            return text.contains(".") ? (Object) Double.parseDouble(text) : (Object) Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new TemplateException(line, "illegal number syntax: " + text);
        }
    }

    /** {@code .A.B} after a start: the names, without the empty one of "." alone. */
    private TemplateExpr fields(TemplateExpr start, String variable, String chain, String source) {
        List<String> names = Arrays.stream(chain.split("\\.")).filter(n -> !n.isEmpty()).toList();
        return new TemplateExpr.Fields(start, variable, names, line, source);
    }

    private TemplateException unexpected(Token t) {
        return new TemplateException(line, "unexpected \"" + t.text() + "\" in operand");
    }
}
