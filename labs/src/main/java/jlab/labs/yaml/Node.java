package jlab.labs.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers the line of every value, so that
 * {@code lab validate} can say "lab.yaml:12: ..." for a mistake found long
 * after parsing (an unknown check kind, a {@code requires} naming no check).
 */
public sealed interface Node {
    /** The line (1-based) where the value starts. */
    int line();

    /** What a message calls this kind of value: "a mapping", "a list", "a text". */
    String what();

    /** A mapping, its keys in file order; each key's own line is kept for "unknown field" messages. */
    record MapNode(Map<String, Node> entries, Map<String, Integer> keyLines, int line) implements Node {
        public MapNode {
            entries = new LinkedHashMap<>(entries);
            keyLines = new LinkedHashMap<>(keyLines);
        }

        @Override public String what() { return "a mapping"; }
    }

    record ListNode(List<Node> items, int line) implements Node {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override public String what() { return "a list"; }
    }

    /** A scalar, as the text the file wrote ({@code 64}, {@code true} and {@code jlab-uts} alike); null for {@code ~}. */
    record Scalar(String text, int line) implements Node {
        @Override public String what() { return "a text"; }
    }
}
