package jlab.course.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A YAML value that remembers its line, so that a mistake in a quiz or in the
 * glossary is reported where the writer made it. Jackson's tree model forgets
 * locations; its streaming parser knows them, so the tree is built here.
 *
 * @param value a {@code Map<String, YamlNode>} (in file order), a {@code List<YamlNode>}, a String, or null
 * @param line  the 1-based line where the value starts
 */
public record YamlNode(Object value, int line) {

    public static YamlNode read(Path file) throws IOException {
        try (JsonParser p = new YAMLFactory().createParser(file.toFile())) {
            JsonToken first = p.nextToken();
            if (first == null) return new YamlNode(null, 1);
            return parse(p);
        }
    }

    private static YamlNode parse(JsonParser p) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        switch (p.currentToken()) {
            case START_OBJECT -> {
                Map<String, YamlNode> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    map.put(key, parse(p));
                }
                return new YamlNode(map, line);
            }
            case START_ARRAY -> {
                List<YamlNode> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) list.add(parse(p));
                return new YamlNode(list, line);
            }
            case VALUE_NULL -> { return new YamlNode(null, line); }
            default -> { return new YamlNode(p.getText(), line); } // numbers and booleans kept as written
        }
    }

    @SuppressWarnings("unchecked")
    public Map<String, YamlNode> map() { return value instanceof Map<?, ?> m ? (Map<String, YamlNode>) m : null; }

    @SuppressWarnings("unchecked")
    public List<YamlNode> list() { return value instanceof List<?> l ? (List<YamlNode>) l : null; }

    public String text() { return value instanceof String s ? s : null; }
}
