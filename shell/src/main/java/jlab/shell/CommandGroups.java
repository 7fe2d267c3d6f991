package jlab.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Help;

/**
 * The command list of {@code jlab --help} and {@code help}, in groups a
 * student can scan: Docker's verbs first, then step mode, the inspection
 * commands, the labs, and the rest. A command missing from the table (one added
 * later) is listed under "Other", so nothing is ever hidden by mistake.
 */
final class CommandGroups implements CommandLine.IHelpSectionRenderer {
    static final Map<String, List<String>> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("Containers, with Docker's verbs", List.of("run", "create", "start", "stop", "restart", "kill",
                "rm", "ps", "logs", "exec", "top", "stats", "inspect", "port", "pause", "unpause", "wait",
                "volume", "network", "container"));
        GROUPS.put("Images", List.of("images", "image", "build", "history", "tag", "rmi", "commit", "diff", "save", "load",
                "import", "export"));
        GROUPS.put("Step by step", List.of("new", "step", "undo", "plan", "tour"));
        GROUPS.put("See the kernel's view", List.of("ns", "mounts", "cgroup", "net"));
        GROUPS.put("Graded labs", List.of("lab", "grade"));
        GROUPS.put("In a browser", List.of("web", "serve"));
        GROUPS.put("Other", List.of("gc", "script", "help", "exit"));
    }

    @Override
    public String render(Help help) {
        Map<String, Help> commands = new LinkedHashMap<>();
        help.subcommands().forEach((name, h) -> {
            if (!h.commandSpec().usageMessage().hidden()) commands.put(name, h);
        });
        int width = commands.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        List<String> listed = new ArrayList<>();
        for (Map.Entry<String, List<String>> group : GROUPS.entrySet()) {
            List<String> names = new ArrayList<>(group.getValue());
            if (group.getKey().equals("Other")) {
                commands.keySet().stream().filter(n -> !listed.contains(n) && !names.contains(n)).forEach(names::add);
            }
            names.removeIf(n -> !commands.containsKey(n));
            if (names.isEmpty()) continue;
            out.append("  ").append(group.getKey()).append(":\n");
            for (String n : names) {
                String[] description = commands.get(n).commandSpec().usageMessage().description();
                String indent = " ".repeat(4 + width + 2);
                out.append(String.format("    %-" + width + "s  ", n))
                        .append(wrap(description.length > 0 ? description[0] : "", indent, help.commandSpec().usageMessage().width()))
                        .append('\n');
                listed.add(n);
            }
        }
        return out.toString();
    }

    /** The description on lines of the usage's width, each after the first indented under its start. */
    private static String wrap(String text, String indent, int width) {
        StringBuilder out = new StringBuilder();
        int column = indent.length();
        for (String word : text.split(" ")) {
            if (column + word.length() + 1 > width && column > indent.length()) {
                out.append('\n').append(indent);
                column = indent.length();
            } else if (column > indent.length()) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
        }
        return out.toString();
    }
}
