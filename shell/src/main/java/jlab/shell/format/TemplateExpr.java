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
        /** The keys whose value is a map in Docker's own types (not a struct): a key they lack is no error. */
        static final java.util.Set<String> MAPS = java.util.Set.of("Labels", "Networks", "Ports", "ExposedPorts", "Volumes",
                "Options", "Annotations", "Namespaces", "Limits");

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
            String parent = "";
            for (String name : names) {
                if (v instanceof Map<?, ?> m) {
                    if (!m.containsKey(name)) {
                        // a key of a map (Labels, Networks...): Docker's Go maps give "no value"; a field a struct lacks is an error
                        if (!MAPS.contains(parent)) throw error("map has no entry for key \"" + name + "\"");
                        return GoTemplate.NO_VALUE;
                    }
                    v = m.get(name);
                    parent = name;
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
        static final List<String> FUNCTIONS = List.of("eq", "ne", "not", "and", "or", "print", "printf", "println", "json", "index",
                "len", "join", "split", "lower", "upper", "title", "pad", "truncate");
        /** What Docker's header functions leave as they are: in a table's title line, they give back their first argument. */
        private static final List<String> STRING_FUNCTIONS = List.of("json", "join", "split", "lower", "upper", "title", "pad", "truncate");

        @Override
        public Object eval(Scope scope) { return apply(evalArgs(scope), scope.header()); }

        List<Object> evalArgs(Scope scope) {
            List<Object> values = new ArrayList<>();
            for (TemplateExpr a : args) values.add(a.eval(scope));
            return values;
        }

        Object apply(List<Object> a, boolean header) {
            if (header && STRING_FUNCTIONS.contains(function) && !a.isEmpty()) return a.get(0);
            return switch (function) {
                case "eq" -> equalsAny(a);
                case "ne" -> {
                    if (a.size() != 2) throw wrongCount(2, a.size());
                    yield !same(a.get(0), a.get(1));
                }
                case "not" -> !GoTemplate.truth(one(a));
                case "and" -> pick(a, false);
                case "or" -> pick(a, true);
                case "print" -> sprint(a);
                case "printf" -> TemplatePrintf.format(this, a);
                case "println" -> String.join(" ", a.stream().map(GoTemplate::print).toList()) + "\n";
                case "json" -> json(one(a));
                case "index" -> index(a);
                case "len" -> length(one(a));
                case "join" -> join(a);
                case "split" -> split(text(a, 0, 2), text(a, 1, 2));
                case "lower" -> text(a, 0, 1).toLowerCase(Locale.ROOT);
                case "upper" -> text(a, 0, 1).toUpperCase(Locale.ROOT);
                case "title" -> title(text(a, 0, 1));
                case "pad" -> " ".repeat(count(a, 1, 3)) + text(a, 0, 3) + " ".repeat(count(a, 2, 3));
                case "truncate" -> {
                    String t = text(a, 0, 2);
                    int n = count(a, 1, 2);
                    yield t.length() <= n ? t : t.substring(0, n);
                }
                default -> throw new TemplateException(line, "function \"" + function + "\" not defined");
            };
        }

        /** {@code eq A B C...}: whether A equals any of the others. */
        private boolean equalsAny(List<Object> a) {
            if (a.size() < 2) throw new TemplateException(line, "wrong number of args for eq: want at least 2 got " + a.size());
            for (Object other : a.subList(1, a.size())) if (same(a.get(0), other)) return true;
            return false;
        }

        /** Equal as Go compares basic values: numbers by value, whatever their Java type. */
        private static boolean same(Object x, Object y) {
            if (x instanceof Number n && y instanceof Number m) return n.doubleValue() == m.doubleValue();
            return java.util.Objects.equals(x, y);
        }

        /** {@code and} gives its first false argument (else the last), {@code or} its first true one (else the last). */
        private Object pick(List<Object> a, boolean wanted) {
            if (a.isEmpty()) throw new TemplateException(line, "wrong number of args for " + function + ": want at least 1 got 0");
            for (Object v : a) if (GoTemplate.truth(v) == wanted) return v;
            return a.get(a.size() - 1);
        }

        /** Go's fmt.Sprint: a blank between two operands when neither is a string. */
        private static String sprint(List<Object> a) {
            StringBuilder out = new StringBuilder();
            for (int k = 0; k < a.size(); k++) {
                if (k > 0 && !(a.get(k - 1) instanceof String) && !(a.get(k) instanceof String)) out.append(' ');
                out.append(GoTemplate.print(a.get(k)));
            }
            return out.toString();
        }

        /** Go's strings.Split: an empty separator splits after each character. */
        private static List<String> split(String s, String separator) {
            if (separator.isEmpty()) return s.chars().mapToObj(c -> String.valueOf((char) c)).toList();
            return List.of(s.split(java.util.regex.Pattern.quote(separator), -1));
        }

        private int count(List<Object> a, int i, int count) {
            if (a.size() != count) throw wrongCount(count, a.size());
            if (!(a.get(i) instanceof Number n) || n.longValue() < 0 || n.longValue() > 10_000) {
                throw error("expected a count, got " + GoTemplate.print(a.get(i)));
            }
            return n.intValue();
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

        TemplateException wrongCount(int want, int got) {
            return new TemplateException(line, "wrong number of args for " + function + ": want " + want + " got " + got);
        }

        TemplateException error(String what) {
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
                    // a missing key gives the zero value: "" for the string maps (Labels) people index
                    v = m.containsKey(String.valueOf(key)) ? m.get(String.valueOf(key)) : "";
                } else if (v instanceof List<?> list && key instanceof Number n) {
                    long i = n.longValue();
                    if (i < 0 || i >= list.size()) throw error("index out of range: " + i);
                    v = list.get((int) i);
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
                v = call.apply(args, scope.header());
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
