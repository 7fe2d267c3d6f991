package jlab.shell.format;

import java.io.PrintStream;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;

import jlab.shell.Json;

/**
 * {@code -f/--format} of the inspect commands, as {@code docker inspect -f}: each object found goes
 * through the template, and what it gives is printed on a line of its own. {@code --format json}
 * prints the array on one line; no format (or an empty one) leaves the command's indented JSON.
 */
public final class InspectFormat {
    /** What each inspect command says of its option. */
    public static final String HELP = "Print each one through a Go template, as docker inspect -f:"
            + " '{{.State.Pid}}', '{{json .Config}}', '{{range .Mounts}}{{.Source}} {{end}}'; json: the array on one line.";
    private static final InspectFormat NONE = new InspectFormat(null, false);
    private static final InspectFormat INVALID = new InspectFormat(null, false);

    private final GoTemplate template;
    private final boolean json;

    private InspectFormat(GoTemplate template, boolean json) {
        this.template = template;
        this.json = json;
    }

    /**
     * The option, read before anything is looked up. A template that does not parse is one line on
     * {@code err} ("template parsing error: ...", Docker's words), and {@link #invalid()}.
     */
    public static InspectFormat read(String format, PrintStream err) {
        if (format == null || format.isEmpty()) return NONE;
        if (format.equals("json")) return new InspectFormat(null, true);
        try {
            return new InspectFormat(GoTemplate.parse(format), false);
        } catch (TemplateException e) {
            err.println(e.said());
            return INVALID;
        }
    }

    /** No format: the command prints its own indented JSON. */
    public boolean none() { return this == NONE; }

    /** The template did not parse (already said): the command ends with {@link GoTemplate#PARSE_ERROR}. */
    public boolean invalid() { return this == INVALID; }

    /**
     * Prints what was found: the JSON array on one line, or each object through the template (records
     * and maps read first as JSON reads them, so the template sees the keys the JSON shows). An object
     * the template fails on (a key it lacks) is one line on {@code err}, and the others still print, as
     * with Docker; 1 then, else 0.
     */
    public int print(List<?> found, PrintStream out, PrintStream err) {
        if (json) {
            try {
                out.println(Json.compact().writeValueAsString(found));
                return 0;
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        int code = 0;
        for (Object o : found) {
            try {
                out.println(template.execute(Json.compact().convertValue(o, Object.class)));
            } catch (TemplateException e) {
                err.println(e.said());
                code = 1;
            }
        }
        return code;
    }
}
