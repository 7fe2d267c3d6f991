package jlab.kernel.proc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jlab.kernel.KernelException;
import jlab.kernel.caps.Capability;

/**
 * Parses /proc/PID/status: one {@code Key:<TAB>value} per line.
 *
 * <pre>
 * Name:   sleep
 * State:  S (sleeping)
 * Pid:    4242
 * PPid:   4240
 * Uid:    0       0       0       0
 * NSpid:  4242    1
 * CapEff: 00000000a80425fb
 * NoNewPrivs:     0
 * Seccomp:        2
 * </pre>
 *
 * Fields come and go with kernel versions (NSpid appeared in 4.1, NoNewPrivs in
 * 4.10), so the optional ones get defaults; unknown fields are ignored.
 */
final class StatusParser {
    private StatusParser() {}

    static ProcStatus parse(String text, String where) {
        Map<String, String> fields = fields(text);
        long pid = number(fields, "Pid", where);
        return new ProcStatus(
                unescapeName(required(fields, "Name", where)),
                required(fields, "State", where).charAt(0),
                pid,
                number(fields, "PPid", where),
                fields.containsKey("NSpid") ? numbers(fields.get("NSpid")) : List.of(pid),
                ids(fields, "Uid", where),
                ids(fields, "Gid", where),
                Capability.fromMask(mask(fields, "CapEff", where)),
                Capability.fromMask(mask(fields, "CapPrm", where)),
                Capability.fromMask(mask(fields, "CapBnd", where)),
                mask(fields, "CapEff", where),
                mask(fields, "CapBnd", where),
                "1".equals(fields.get("NoNewPrivs")),
                Integer.parseInt(fields.getOrDefault("Seccomp", "0")));
    }

    /** Splits each line at its first colon. Only the one tab after the colon is cut from Name, which may end in a space. */
    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1);
            fields.put(key, key.equals("Name") ? value.replaceFirst("^\t", "") : value.strip());
        }
        return fields;
    }

    /**
     * The kernel writes a newline in a command name as {@code \n} and a backslash as
     * {@code \\}, so that one status line stays one line; tabs and spaces stay as they are.
     */
    static String unescapeName(String escaped) {
        StringBuilder name = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 1 < escaped.length()) {
                char next = escaped.charAt(++i);
                name.append(next == 'n' ? '\n' : next);
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    private static String required(Map<String, String> fields, String key, String where) {
        String value = fields.get(key);
        if (value == null || value.isEmpty()) {
            throw KernelException.of("read", where, "no " + key + ": line; is this a /proc/PID/status file?");
        }
        return value;
    }

    private static long number(Map<String, String> fields, String key, String where) {
        return Long.parseLong(required(fields, key, where));
    }

    /** {@code Uid:} holds four ids: real, effective, saved set-user-id, filesystem. */
    private static long[] ids(Map<String, String> fields, String key, String where) {
        return numbers(required(fields, key, where)).stream().mapToLong(Long::longValue).toArray();
    }

    private static List<Long> numbers(String tabSeparated) {
        List<Long> numbers = new ArrayList<>();
        for (String n : tabSeparated.strip().split("\\s+")) numbers.add(Long.parseLong(n));
        return numbers;
    }

    /** Capability sets are 64-bit masks in hex; bit N is capability number N. */
    private static long mask(Map<String, String> fields, String key, String where) {
        return Long.parseUnsignedLong(required(fields, key, where), 16);
    }
}
