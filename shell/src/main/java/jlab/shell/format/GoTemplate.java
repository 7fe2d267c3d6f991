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
 *   <li>{@code {{else if X}}}, comments {@code {{/* ... *}{@code /}}};</li>
 *   <li>Go's and Docker's functions {@code eq}, {@code ne}, {@code not}, {@code and}, {@code or},
 *       {@code print}, {@code printf}, {@code println}, {@code json}, {@code index}, {@code len},
 *       {@code join}, {@code split}, {@code lower}, {@code upper}, {@code title}, {@code pad},
 *       {@code truncate}; pipes ({@code {{.Name | upper}}}) and parentheses
 *       ({@code {{(index .Mounts 0).Source}}});</li>
 *   <li>trim markers: {@code {{- } and { -}}} drop the blanks beside them.</li>
 * </ul>
 * Values are what JSON gives (maps, lists, strings, numbers, booleans, null), printed as Go prints
 * them: {@code [a b]}, {@code map[k:v]}, {@code <nil>}. Parsing checks the whole template first, so a
 * mistake is one line before anything is printed.
 */
public final class GoTemplate {
    /** Docker's exit code for a template that does not parse. */
    public static final int PARSE_ERROR = 64;

    private final List<TemplateNode> nodes;

    private GoTemplate(List<TemplateNode> nodes) { this.nodes = nodes; }

    /** Parses {@code text}; throws {@link TemplateException} ("template: :1: unexpected ...") on a mistake. */
    public static GoTemplate parse(String text) {
        return new GoTemplate(new TemplateParser(text).parse());
    }

    /** What a key missing from a map-like value gives (Labels, Networks...): printed "<no value>", false in an if. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() { return "<no value>"; }
    };

    /** The template applied to {@code data}: a Map, List or scalar as Jackson reads JSON. */
    public String execute(Object data) { return run(data, false); }

    /**
     * The template applied to a table's column titles ({@code ID} is "CONTAINER ID"): as in Docker, the
     * functions that change a string (json, lower, upper, title, split, join, pad, truncate) leave a title as it is.
     */
    public String executeHeader(Map<String, String> titles) { return run(titles, true); }

    private String run(Object data, boolean header) {
        StringBuilder out = new StringBuilder();
        Scope scope = Scope.root(data, header);
        for (TemplateNode n : nodes) n.write(scope, out);
        return out.toString();
    }

    /** Where an action runs: the dot, the variables ($ is the data the template started with), header or row. */
    record Scope(Object dot, Map<String, Object> variables, boolean header) {
        static Scope root(Object data, boolean header) {
            Map<String, Object> vars = new java.util.HashMap<>();
            vars.put("$", data);
            return new Scope(data, vars, header);
        }

        Scope with(Object newDot) { return new Scope(newDot, variables, header); }

        Scope with(Object newDot, Map<String, Object> more) {
            Map<String, Object> vars = new java.util.HashMap<>(variables);
            vars.putAll(more);
            return new Scope(newDot, vars, header);
        }
    }

    /** Go's truth: false, 0, nil, and empty strings, lists and maps are false. */
    static boolean truth(Object v) {
        if (v == null || v == NO_VALUE) return false;
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
