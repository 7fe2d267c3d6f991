package jlab.labs.yaml;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Reads YAML into {@link Node}s with their lines, from Jackson's token stream
 * (each token knows where it started). A key written twice is an error here:
 * a plain YAML reader would silently keep the last one, and an instructor
 * would wonder where the first check went.
 */
public final class YamlTree {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlTree() {}

    /** The document; a syntax error becomes a {@link Malformed} with its line. */
    public static Node parse(Reader in) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == null) throw new Malformed(1, "the file is empty");
            return read(p);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new Malformed(line, "not valid YAML: " + e.getOriginalMessage());
        }
    }

    private static Node read(JsonParser p) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Node> entries = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = p.currentTokenLocation().getLineNr();
                if (entries.containsKey(key)) {
                    throw new Malformed(keyLine, "'" + key + "' is written twice (first on line " + keyLines.get(key) + ")");
                }
                p.nextToken();
                keyLines.put(key, keyLine);
                entries.put(key, read(p));
            }
            return new Node.MapNode(entries, keyLines, line);
        }
        if (t == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) items.add(read(p));
            return new Node.ListNode(items, line);
        }
        return new Node.Scalar(t == JsonToken.VALUE_NULL ? null : p.getText(), line);
    }

    /** A file that is not YAML at all, or repeats a key. */
    public static final class Malformed extends IOException {
        private final int line;

        Malformed(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() { return line; }
    }
}
