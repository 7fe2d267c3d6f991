package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the prompt pays before it shows: the command model, which picocli builds from every
 * command's annotations (and which makes every command object). Building it must load none of
 * what only some commands use: the web tutor (web, serve) and Jackson (--json). A real jlab,
 * {@code -Xlog:class+load} on: {@code --version} builds the whole model, as the prompt does.
 */
class CommandModelStartTest {
    @Test
    void building_the_command_model_loads_neither_the_web_tutor_nor_jacksons_object_mapper(@TempDir Path state) {
        var r = new JlabProcess(state, Map.of(), List.of("-Xlog:class+load=info:stdout")).run("--version");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> loaded = r.lines().stream().filter(l -> l.contains("[class,load]"))
                .map(l -> l.replaceAll(".*\\[class,load\\] (\\S+).*", "$1")).toList();
        assertThat(loaded).as("the model was built").contains("jlab.shell.command.WebCommand", "jlab.shell.command.PsCommand");
        assertThat(loaded.stream().filter(c -> c.startsWith("jlab.web.") || c.startsWith("io.javalin.")
                || c.startsWith("org.eclipse.jetty.") || c.equals("com.fasterxml.jackson.databind.ObjectMapper")))
                .as("loaded while the command model was built").isEmpty();
    }
}
