package jlab.labs.grade;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the fields of one JSON object and refuses, naming the field by its
 * path ({@code tests[2].score}), when one is missing or of the wrong type.
 */
final class Fields {
    private final JsonNode node;
    private final String path;

    Fields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    private String where(String name) { return path.isEmpty() ? name : path + "." + name; }

    private JsonNode get(String name, String expected) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) throw malformed(where(name) + ": missing (" + expected + " expected)");
        return v;
    }

    private static Refusal malformed(String reason) { return new Refusal(Refusal.Kind.MALFORMED, reason); }

    private static String found(JsonNode v) {
        return switch (v.getNodeType()) {
            case STRING -> "the string \"" + abbreviate(v.asText()) + "\"";
            case NUMBER -> "the number " + v.asText();
            case BOOLEAN -> v.asText();
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String abbreviate(String s) { return s.length() <= 40 ? s : s.substring(0, 37) + "..."; }

    private Refusal wrongType(String name, String expected, JsonNode v) {
        return malformed(where(name) + ": " + expected + " expected, found " + found(v));
    }

    String text(String name) {
        JsonNode v = get(name, "a string");
        if (!v.isTextual()) throw wrongType(name, "a string", v);
        return v.asText();
    }

    /** A string that is one of {@code allowed}. */
    String word(String name, Set<String> allowed) {
        String s = text(name);
        if (!allowed.contains(s)) throw malformed(where(name) + ": one of " + String.join(", ", new java.util.TreeSet<>(allowed))
                + " expected, found \"" + abbreviate(s) + "\"");
        return s;
    }

    double number(String name) {
        JsonNode v = get(name, "a number");
        if (!v.isNumber()) throw wrongType(name, "a number", v);
        return v.asDouble();
    }

    int integer(String name) {
        JsonNode v = get(name, "a whole number");
        if (!v.isIntegralNumber() || !v.canConvertToInt()) throw wrongType(name, "a whole number", v);
        return v.asInt();
    }

    boolean bool(String name) {
        JsonNode v = get(name, "true or false");
        if (!v.isBoolean()) throw wrongType(name, "true or false", v);
        return v.asBoolean();
    }

    Instant instant(String name) {
        String s = text(name);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw malformed(where(name) + ": a UTC time such as 2026-12-02T14:28:56Z expected, found \"" + abbreviate(s) + "\"");
        }
    }

    Fields object(String name) {
        JsonNode v = get(name, "an object");
        if (!v.isObject()) throw wrongType(name, "an object", v);
        return new Fields(v, where(name));
    }

    JsonNode array(String name) {
        JsonNode v = get(name, "an array");
        if (!v.isArray()) throw wrongType(name, "an array", v);
        return v;
    }

    /** The object at {@code index} of the array {@code name}. */
    Fields element(String name, JsonNode array, int index) {
        JsonNode v = array.get(index);
        String at = where(name) + "[" + index + "]";
        if (!v.isObject()) throw malformed(at + ": an object expected, found " + found(v));
        return new Fields(v, at);
    }
}
