package jlab.web.terminal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jlab.kernel.pty.WindowSize;

/**
 * What the page sends over the terminal's WebSocket, one JSON text frame each:
 * <pre>
 * {"type":"input","data":"ls\r"}          keystrokes (or a paste), as text
 * {"type":"resize","cols":120,"rows":40}  the terminal's new size in cells
 * {"type":"close"}                        the tab is going: end the terminal now
 * </pre>
 * Anything else is refused with one line saying what was wrong.
 */
sealed interface ClientMessage {
    record Input(String data) implements ClientMessage {}

    record Resize(WindowSize size) implements ClientMessage {}

    record Close() implements ClientMessage {}

    /** A message the page got wrong, and how. */
    final class Bad extends Exception {
        private static final long serialVersionUID = 1L;

        Bad(String message) { super(message, null, false, false); }
    }

    static ClientMessage parse(String text, ObjectMapper json) throws Bad {
        JsonNode m;
        try {
            m = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Bad("a terminal message must be JSON like {\"type\":\"input\",\"data\":\"ls\\r\"}");
        }
        if (m == null || !m.isObject() || !m.path("type").isTextual()) {
            throw new Bad("a terminal message needs a \"type\": input, resize or close");
        }
        switch (m.get("type").asText()) {
            case "input":
                if (!m.path("data").isTextual()) throw new Bad("an input message needs \"data\", a string");
                return new Input(m.get("data").asText());
            case "resize":
                if (!m.path("cols").canConvertToInt() || !m.path("rows").canConvertToInt()
                        || !m.path("cols").isIntegralNumber() || !m.path("rows").isIntegralNumber()) {
                    throw new Bad("a resize message needs whole numbers \"cols\" and \"rows\"");
                }
                try {
                    return new Resize(new WindowSize(m.get("cols").asInt(), m.get("rows").asInt()));
                } catch (IllegalArgumentException e) {
                    throw new Bad(e.getMessage());
                }
            case "close":
                return new Close();
            default:
                throw new Bad("unknown terminal message type '" + clip(m.get("type").asText()) + "': use input, resize or close");
        }
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
