package jlab.labs.grade;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one byte form of a JSON value that a submission's HMAC covers: object
 * keys sorted (by their UTF-16 code units, as {@link String#compareTo}), no
 * whitespace, UTF-8, numbers as Jackson writes them. The same value always
 * gives the same bytes, whatever order the fields were added in.
 */
final class Canonical {
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private Canonical() {}

    static byte[] bytes(JsonNode value) {
        try {
            return COMPACT.writeValueAsBytes(sorted(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode sorted(JsonNode value) {
        if (value.isObject()) {
            List<String> names = new ArrayList<>();
            for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) names.add(it.next());
            Collections.sort(names);
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (String n : names) copy.set(n, sorted(value.get(n)));
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            value.forEach(v -> copy.add(sorted(v)));
            return copy;
        }
        return value;
    }
}
