package jlab.shell;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Jackson's mappers for the commands' {@code --json}, made on first use. An ObjectMapper
 * costs some hundred milliseconds of class loading and set-up (its date formats, its
 * serializers); in a command's static field it would be paid when picocli makes the command
 * model, before the prompt shows, by every student who never asks for JSON.
 */
public final class Json {
    private Json() {}

    /** The initialization-on-demand holder: the JVM makes the mappers when this class is first used. */
    private static final class Mappers {
        static final ObjectMapper COMPACT = new ObjectMapper();
        static final ObjectMapper INDENTED = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** One JSON value per line. */
    public static ObjectMapper compact() { return Mappers.COMPACT; }

    /** Indented, for a person to read. */
    public static ObjectMapper indented() { return Mappers.INDENTED; }
}
