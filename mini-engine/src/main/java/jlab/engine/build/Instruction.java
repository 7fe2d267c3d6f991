package jlab.engine.build;

import java.util.List;
import java.util.Map;

/**
 * One instruction of a Dockerfile, as the parser read it: before any variable is substituted.
 *
 * @param file     the Dockerfile's name as the user gave it, for errors ("Dockerfile:3")
 * @param line     the line it starts on (continuation lines join it)
 * @param keyword  upper case: FROM, RUN, COPY...
 * @param flags    the {@code --name=value} words that came first ({@code COPY --from=build}), in order
 * @param args     the rest, continuations joined, trimmed
 * @param json     the exec form ({@code ["a", "b"]}) when {@code args} is a JSON array of strings, else null
 * @param text     the instruction as written, on one line: what the progress shows ("RUN echo hi")
 */
public record Instruction(String file, int line, String keyword, Map<String, String> flags, String args,
                          List<String> json, String text) {
    public Instruction {
        flags = Map.copyOf(flags);
        json = json == null ? null : List.copyOf(json);
    }

    /** Written in the exec (JSON) form? */
    public boolean execForm() { return json != null; }

    public String flag(String name) { return flags.get(name); }
}
