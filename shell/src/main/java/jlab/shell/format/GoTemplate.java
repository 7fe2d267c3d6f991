package jlab.shell.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The part of Go's text/template that {@code docker inspect --format} is used with, so that
 * {@code jlab inspect -f '{{.State.Pid}}' web} works as it does with Docker:
 * <ul>
 *   <li>fields: {@code {{.State.Pid}}}, {@code {{.}}}, variables {@code {{$v.IPAddress}}};</li>
 *   <li>{@code {{range .Mounts}}...{{end}}}, {@code {{range $k, $v := .Config.Labels}}}, with {@code {{else}}};</li>
 *   <li>{@code {{if .State.Running}}...{{else}}...{{end}}} and {@code {{with X}}};</li>
 *   <li>Docker's functions {@code json}, {@code index}, {@code len}, {@code join}, {@code split},
 *       {@code lower}, {@code upper}, {@code title}, {@code println}; pipes ({@code {{.Name | upper}}})
 *       and parentheses ({@code {{(index .Mounts 0).Source}}});</li>
 *   <li>trim markers: {@code {{- } and { -}}} drop the blanks beside them.</li>
 * </ul>
 * Values are what JSON gives (maps, lists, strings, numbers, booleans, null), printed as Go prints
 * them: {@code [a b]}, {@code map[k:v]}, {@code <nil>}. Parsing checks the whole template first, so a
 * mistake is one line before anything is printed.
 */
public final class GoTemplate {
    private final List<TemplateNode> nodes;

    private GoTemplate(List<TemplateNode> nodes) { this.nodes = nodes; }

    /** Parses {@code text}; throws {@link TemplateException} ("template: :1: unexpected ...") on a mistake. */
    public static GoTemplate parse(String text) {
        return new GoTemplate(new TemplateParser(text).parse());
    }

    /** The template applied to {@code data}: a Map, List or scalar as Jackson reads JSON. */
    public String execute(Object data) {
        StringBuilder out = new StringBuilder();
        Scope scope = Scope.root(data);
        for (TemplateNode n : nodes) n.write(scope, out);
        return out.toString();
    }

    /** Where an action runs: the dot, and the variables ($ is the data the template started with). */
    record Scope(Object dot, Map<String, Object> variables) {
        static Scope root(Object data) {
            Map<String, Object> vars = new java.util.HashMap<>();
            vars.put("$", data);
            return new Scope(data, vars);
        }

        Scope with(Object newDot) { return new Scope(newDot, variables); }

        Scope with(Object newDot, Map<String, Object> more) {
            Map<String, Object> vars = new java.util.HashMap<>(variables);
            vars.putAll(more);
            return new Scope(newDot, vars);
        }
    }

    /** Go's truth: false, 0, nil, and empty strings, lists and maps are false. */
    static boolean truth(Object v) {
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof Number n) return n.doubleValue() != 0;
        if (v instanceof String s) return !s.isEmpty();
        if (v instanceof java.util.Collection<?> c) return !c.isEmpty();
        if (v instanceof Map<?, ?> m) return !m.isEmpty();
        return true;
    }

    /** As Go's fmt prints a value with %v. */
    static String print(Object v) {
        if (v == null) return "<nil>";
        if (v instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object o : list) parts.add(print(o));
            return "[" + String.join(" ", parts) + "]";
        }
        if (v instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<?, ?> e : new java.util.TreeMap<>(map).entrySet()) parts.add(e.getKey() + ":" + print(e.getValue()));
            return "map[" + String.join(" ", parts) + "]";
        }
        return String.valueOf(v);
    }
}
