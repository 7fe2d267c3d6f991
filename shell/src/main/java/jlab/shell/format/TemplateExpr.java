package jlab.shell.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import jlab.shell.Json;
import jlab.shell.format.GoTemplate.Scope;

/** What an action computes: operands, function calls, and the pipelines that chain them. */
sealed interface TemplateExpr {
    Object eval(Scope scope);

    /** The value as the text of an error: {@code <.State.Pid>}. */
    String source();

    /** A literal: a string, a number, true, false or nil. */
    record Literal(Object value, String source) implements TemplateExpr {
        @Override
        public Object eval(Scope scope) { return value; }
    }

    /**
     * Fields read one after the other from a start: the dot ({@code .A.B}), a variable
     * ({@code $v.A}), or a parenthesized pipeline ({@code (index .Mounts 0).Source}).
     */
    record Fields(TemplateExpr start, String variable, List<String> names, int line, String source) implements TemplateExpr {
        @Override
        public Object eval(Scope scope) {
            Object v;
            if (start != null) {
                v = start.eval(scope);
            } else if (variable != null) {
                if (!scope.variables().containsKey(variable)) throw new TemplateException(line, "undefined variable: " + variable);
                v = scope.variables().get(variable);
            } else {
                v = scope.dot();
            }
            for (String name : names) {
                if (v instanceof Map<?, ?> m) {
                    if (!m.containsKey(name)) throw error("map has no entry for key \"" + name + "\"");
                    v = m.get(name);
                } else if (v == null) {
                    throw error("nil pointer evaluating interface {}." + name);
                } else {
                    throw error("can't evaluate field " + name + " in type " + goType(v));
                }
            }
            return v;
        }

        private TemplateException error(String what) {
            return new TemplateException(line, "executing \"\" at <" + source + ">: " + what);
        }
    }

    /** A function and its arguments; in a pipe, the value from the left comes last. */
    record Call(String function, List<TemplateExpr> args, int line, String source) implements TemplateExpr {
        static final List<String> FUNCTIONS = List.of("json", "index", "len", "join", "split", "lower", "upper", "title", "println");

        @Override
        public Object eval(Scope scope) { return apply(evalArgs(scope)); }

        List<Object> evalArgs(Scope scope) {
            List<Object> values = new ArrayList<>();
            for (TemplateExpr a : args) values.add(a.eval(scope));
            return values;
        }

        Object apply(List<Object> a) {
            return switch (function) {
                case "json" -> json(one(a));
                case "index" -> index(a);
                case "len" -> length(one(a));
                case "join" -> join(a);
                case "split" -> List.of(text(a, 0, 2).split(java.util.regex.Pattern.quote(text(a, 1, 2)), -1));
                case "lower" -> text(a, 0, 1).toLowerCase(Locale.ROOT);
                case "upper" -> text(a, 0, 1).toUpperCase(Locale.ROOT);
                case "title" -> title(text(a, 0, 1));
                case "println" -> String.join(" ", a.stream().map(GoTemplate::print).toList()) + "\n";
                default -> throw new TemplateException(line, "function \"" + function + "\" not defined");
            };
        }

        private Object one(List<Object> a) {
            if (a.size() != 1) throw wrongCount(1, a.size());
            return a.get(0);
        }

        private String text(List<Object> a, int i, int count) {
            if (a.size() != count) throw wrongCount(count, a.size());
            Object v = a.get(i);
            if (!(v instanceof String s)) throw error("expected a string, got " + GoTemplate.print(v));
            return s;
        }

        private TemplateException wrongCount(int want, int got) {
            return new TemplateException(line, "wrong number of args for " + function + ": want " + want + " got " + got);
        }

        private TemplateException error(String what) {
            return new TemplateException(line, "executing \"\" at <" + source + ">: error calling " + function + ": " + what);
        }

        private String json(Object v) {
            try {
                return Json.compact().writeValueAsString(v);
            } catch (JsonProcessingException e) {
                throw error(e.getOriginalMessage());
            }
        }

        private Object index(List<Object> a) {
            if (a.isEmpty()) throw wrongCount(1, 0);
            Object v = a.get(0);
            for (Object key : a.subList(1, a.size())) {
                if (v instanceof Map<?, ?> m) {
                    v = m.get(String.valueOf(key)); // a missing key gives nil, as Go's index does
                } else if (v instanceof List<?> list && key instanceof Number n) {
                    int i = n.intValue();
                    if (i < 0 || i >= list.size()) throw error("index out of range: " + i);
                    v = list.get(i);
                } else {
                    throw error("can't index item of type " + goType(v));
                }
            }
            return v;
        }

        private Object length(Object v) {
            if (v instanceof List<?> l) return l.size();
            if (v instanceof Map<?, ?> m) return m.size();
            if (v instanceof String s) return s.length();
            throw error("len of type " + goType(v));
        }

        private Object join(List<Object> a) {
            if (a.size() != 2) throw wrongCount(2, a.size());
            if (!(a.get(0) instanceof List<?> list)) throw error("expected a list, got " + GoTemplate.print(a.get(0)));
            if (!(a.get(1) instanceof String sep)) throw error("expected a string, got " + GoTemplate.print(a.get(1)));
            return String.join(sep, list.stream().map(GoTemplate::print).toList());
        }

        private static String title(String s) {
            StringBuilder out = new StringBuilder(s.length());
            boolean start = true;
            for (char c : s.toCharArray()) {
                out.append(start ? Character.toUpperCase(c) : c);
                start = !Character.isLetterOrDigit(c);
            }
            return out.toString();
        }
    }

    /** {@code A | f | g x}: each command's value goes, as the last argument, to the function on its right. */
    record Pipeline(List<TemplateExpr> commands, int line) implements TemplateExpr {
        @Override
        public Object eval(Scope scope) {
            Object v = commands.get(0).eval(scope);
            for (TemplateExpr c : commands.subList(1, commands.size())) {
                if (!(c instanceof Call call)) throw new TemplateException(line, "can't give argument to non-function " + c.source());
                List<Object> args = call.evalArgs(scope);
                args.add(v);
                v = call.apply(args);
            }
            return v;
        }

        @Override
        public String source() {
            return String.join(" | ", commands.stream().map(TemplateExpr::source).toList());
        }
    }

    /** Go's name for a JSON value's type, in errors. */
    static String goType(Object v) {
        if (v == null) return "<nil>";
        if (v instanceof String) return "string";
        if (v instanceof Boolean) return "bool";
        if (v instanceof Number) return "float64"; // JSON's numbers, in Go
        if (v instanceof List<?>) return "[]interface {}";
        if (v instanceof Map<?, ?>) return "map[string]interface {}";
        return v.getClass().getSimpleName();
    }
}
