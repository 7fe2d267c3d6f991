package jlab.engine.build;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A list of strings as JSON, as the history writes CMD ["sh"]. */
final class Json {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Json() {}

    static String array(List<String> words) {
        try {
            return JSON.writeValueAsString(words);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
