package jlab.web.terminal;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The server's control messages, JSON text frames (output itself travels in binary frames):
 * <pre>
 * {"type":"ready","terminal":"ID","command":"jlab","pid":1234,"replay":5120}  attached; 5120 bytes of scrollback follow
 * {"type":"exited","code":0}                                                   the program ended (128+N: killed by signal N)
 * {"type":"taken-over","message":"this terminal was opened in another tab"}    another page has it now
 * {"type":"error","message":"..."}                                             a message of the page was refused
 * </pre>
 */
final class Control {
    static final String TAKEN_OVER = "this terminal was opened in another tab";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Control() {}

    static String ready(String terminal, String command, long pid, int replay) {
        return json("ready", "terminal", terminal, "command", command, "pid", pid, "replay", replay);
    }

    static String exited(int code) { return json("exited", "code", code); }

    static String takenOver() { return json("taken-over", "message", TAKEN_OVER); }

    static String error(String message) { return json("error", "message", message); }

    private static String json(String type, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a map of strings and numbers always serialises
        }
    }
}
