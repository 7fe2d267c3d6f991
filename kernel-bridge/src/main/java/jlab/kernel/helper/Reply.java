package jlab.kernel.helper;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jlab.kernel.KernelException;

/**
 * One reply of the native helper: {@code ok key=value...} or
 * {@code err ENAME N call(args): message}. An {@code ok} reply carries what
 * changed, e.g. {@code uts=4026532201} or {@code init=4242}.
 */
public record Reply(Map<String, String> values) {

    public Reply {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A value the reply must carry. */
    public String get(String key) {
        String v = values.get(key);
        if (v == null) throw new IllegalStateException("the helper's reply has no '" + key + "': " + values);
        return v;
    }

    public long getLong(String key) { return Long.parseLong(get(key)); }

    /**
     * Parses a reply line; an {@code err} line becomes the {@link KernelException}
     * it describes, with the hint for its operation and errno.
     */
    static Reply parse(String line) {
        if (line.startsWith("ok")) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String field : line.substring(2).trim().split(" ")) {
                int eq = field.indexOf('=');
                if (eq > 0) values.put(field.substring(0, eq), field.substring(eq + 1));
            }
            return new Reply(values);
        }
        if (line.startsWith("err ")) throw parseError(line);
        throw new IllegalStateException("the helper answered something outside its protocol: " + line);
    }

    /** {@code err EINVAL 22 pivot_root(".", "."): Invalid argument}. */
    static KernelException parseError(String line) {
        String[] head = line.split(" ", 4);
        String name = head.length > 1 ? head[1] : "EIO";
        int errno = head.length > 2 ? parseIntOr(head[2], 0) : 0;
        String call = head.length > 3 ? head[3] : "helper";
        int open = call.indexOf('(');
        int close = call.lastIndexOf("):");
        String op = open > 0 ? call.substring(0, open) : call;
        String args = open > 0 && close > open ? call.substring(open + 1, close) : "";
        if (op.startsWith("exec")) op = "exec";
        return new KernelException(op, args, name, errno, jlab.kernel.Hints.forFailure(op, name));
    }

    private static int parseIntOr(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
