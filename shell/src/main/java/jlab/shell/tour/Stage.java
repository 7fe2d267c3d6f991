package jlab.shell.tour;

import java.util.List;

/**
 * One stage of the tour: its texts' key ({@code uts}: {@code uts.title}, {@code uts.text}) and the command
 * lines it types, as a student would type them at the prompt.
 */
public record Stage(String key, List<String> commands) {
    public Stage(String key, String... commands) { this(key, List.of(commands)); }
}
