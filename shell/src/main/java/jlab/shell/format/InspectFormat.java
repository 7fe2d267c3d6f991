package jlab.shell.format;

import java.io.PrintStream;
import java.util.List;

import jlab.shell.Json;

/**
 * {@code --format} of the inspect commands, as {@code docker inspect -f}: each object found goes
 * through the template, and what it gives is printed on a line of its own. {@code --format json}
 * prints each object as one line of JSON, as Docker 23 and later do.
 */
public final class InspectFormat {
    /** What each inspect command says of its option. */
    public static final String HELP = "Print each one through a Go template, as docker inspect -f:"
            + " '{{.State.Pid}}', '{{json .Config}}', '{{range .Mounts}}{{.Source}} {{end}}'; json: one line of JSON each.";

    private final GoTemplate template;

    private InspectFormat(GoTemplate template) { this.template = template; }

    /**
     * The option's template, parsed before anything is looked up; a mistake prints one line on
     * {@code err} ("template parsing error: ...", Docker's words) and gives null.
     */
    public static InspectFormat parse(String format, PrintStream err) {
        try {
            return new InspectFormat(GoTemplate.parse(format.equals("json") ? "{{json .}}" : format));
        } catch (TemplateException e) {
            err.println("jlab: template parsing error: " + e.getMessage());
            return null;
        }
    }

    /**
     * Prints each object (records and maps are first read as JSON reads them, so the template sees
     * the keys the JSON output shows); 0, or 1 after one line on {@code err} when the template fails
     * on an object (a key it does not have).
     */
    public int print(List<?> found, PrintStream out, PrintStream err) {
        for (Object o : found) {
            try {
                out.println(template.execute(Json.compact().convertValue(o, Object.class)));
            } catch (TemplateException e) {
                err.println("jlab: template parsing error: " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }
}
