package jlab.shell.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jlab.shell.format.GoTemplate.Scope;

/** A piece of a parsed template: text, a printed pipeline, or a block (if, with, range). */
sealed interface TemplateNode {
    void write(Scope scope, StringBuilder out);

    static void writeAll(List<TemplateNode> nodes, Scope scope, StringBuilder out) {
        for (TemplateNode n : nodes) n.write(scope, out);
    }

    /** Text outside the actions, written as it is. */
    record Text(String text) implements TemplateNode {
        @Override
        public void write(Scope scope, StringBuilder out) { out.append(text); }
    }

    /** {@code {{PIPELINE}}}: its value, printed as Go prints it. */
    record Print(TemplateExpr.Pipeline pipeline) implements TemplateNode {
        @Override
        public void write(Scope scope, StringBuilder out) { out.append(GoTemplate.print(pipeline.eval(scope))); }
    }

    /** {@code {{if P}}A{{else}}B{{end}}}, and {@code {{with P}}} which also makes P's value the dot. */
    record If(TemplateExpr.Pipeline condition, boolean with, List<TemplateNode> then, List<TemplateNode> otherwise)
            implements TemplateNode {
        @Override
        public void write(Scope scope, StringBuilder out) {
            Object v = condition.eval(scope);
            if (GoTemplate.truth(v)) {
                writeAll(then, with ? scope.with(v) : scope, out);
            } else {
                writeAll(otherwise, scope, out);
            }
        }
    }

    /**
     * {@code {{range P}}A{{else}}B{{end}}}: A once per element of a list, or per value of a map in
     * key order, with the element as the dot; {@code $k, $v :=} names the key (or index) and value.
     * B when there is none.
     */
    record Range(String keyVariable, String valueVariable, TemplateExpr.Pipeline over, int line,
                 List<TemplateNode> body, List<TemplateNode> otherwise) implements TemplateNode {
        @Override
        public void write(Scope scope, StringBuilder out) {
            Object v = over.eval(scope);
            List<Object[]> items = new ArrayList<>();
            if (v instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) items.add(new Object[] {i, list.get(i)});
            } else if (v instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) items.add(new Object[] {e.getKey(), e.getValue()});
            } else if (v != null) {
                throw new TemplateException(line, "range can't iterate over " + GoTemplate.print(v));
            }
            if (items.isEmpty()) {
                writeAll(otherwise, scope, out);
                return;
            }
            for (Object[] kv : items) {
                Map<String, Object> vars = new java.util.HashMap<>();
                if (keyVariable != null) vars.put(keyVariable, kv[0]);
                if (valueVariable != null) vars.put(valueVariable, kv[1]);
                writeAll(body, scope.with(kv[1], vars), out);
            }
        }
    }
}
