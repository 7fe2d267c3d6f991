package jlab.shell.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The templates Docker users write with {@code inspect --format}, on data shaped as jlab's inspect. */
class GoTemplateTest {
    private static final Map<String, Object> CONTAINER = container();

    private static Map<String, Object> container() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("Name", "/web");
        c.put("State", Map.of("Pid", 4242, "Running", true, "Status", "running"));
        c.put("Config", map("Cmd", List.of("httpd", "-f"), "Entrypoint", null, "Labels", Map.of("b", "2", "a", "1"), "Env", List.of()));
        c.put("NetworkSettings", Map.of("Networks", Map.of("bridge", Map.of("IPAddress", "172.17.0.2"), "back", Map.of("IPAddress", "10.1.0.2")),
                "Ports", Map.of("80/tcp", List.of(Map.of("HostIp", "0.0.0.0", "HostPort", "8080")))));
        c.put("Mounts", List.of(Map.of("Source", "/srv/data", "Destination", "/data")));
        return c;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static String run(String template) { return GoTemplate.parse(template).execute(CONTAINER); }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '§', value = {
            "{{.State.Pid}}§4242",
            "pid={{.State.Pid}} {{.Name}}§pid=4242 /web",
            "{{.Config.Cmd}}§[httpd -f]",
            "{{json .Config.Cmd}}§[\"httpd\",\"-f\"]",
            "{{.Config.Labels}}§map[a:1 b:2]",
            "{{.Config.Entrypoint}}§<nil>",
            "{{.State.Running}}§true",
            "{{range .NetworkSettings.Networks}}{{.IPAddress}},{{end}}§10.1.0.2,172.17.0.2,",
            "{{range $name, $n := .NetworkSettings.Networks}}{{$name}}={{$n.IPAddress}};{{end}}§back=10.1.0.2;bridge=172.17.0.2;",
            "{{range $p, $conf := .NetworkSettings.Ports}}{{$p}} -> {{(index $conf 0).HostPort}}{{end}}§80/tcp -> 8080",
            "{{index .Config.Labels \"a\"}}§1",
            "{{(index .Mounts 0).Source}}§/srv/data",
            "{{range .Mounts}}{{.Source}}:{{.Destination}}{{end}}§/srv/data:/data",
            "{{if .State.Running}}up{{else}}down{{end}}§up",
            "{{range .Config.Env}}{{.}}{{else}}no env{{end}}§no env",
            "{{with .State}}{{.Status}}{{end}}§running",
            "{{.Name | upper}}§/WEB",
            "{{join .Config.Cmd \",\"}}§httpd,-f",
            "{{len .Mounts}}§1",
            "{{$.Name}}{{/* a comment */}}§/web",
            "a {{- \" b \" -}} c§a b c",
            "{{if eq .State.Status \"exited\"}}down{{else if .State.Running}}up{{else}}?{{end}}§up",
            "{{if not .State.Running}}down{{else with .Name}}{{.}}{{end}}§/web",
            "{{if and .State.Running (eq .State.Pid 4242)}}yes{{end}}§yes",
            "{{or .Config.Entrypoint .Config.Cmd}}§[httpd -f]",
            "{{ne .Name \"/db\"}}§true",
            "{{printf \"%-6s|%5d|%q\" \"ab\" .State.Pid .Name}}§ab    | 4242|\"/web\"",
            "{{print .State.Pid 1 \"x\" 2}}§4242 1x2",
            "{{.Config.Labels.missing}}|{{if .Config.Labels.missing}}set{{else}}unset{{end}}§<no value>|unset",
            "[{{index .Config.Labels \"missing\"}}]§[]",
            "{{truncate .Name 2}}[{{pad \"x\" 1 1}}]§/w[ x ]",
            "{{len (split \"a,b\" \",\")}} {{split \"ab\" \"\"}}§2 [a b]",
            "{{/* a \"quoted\" }} comment */}}x§x",
            "{{- /* trimmed */ -}} y§y",
    })
    void docker_users_templates_give_what_docker_gives(String template, String expected) {
        assertThat(run(template)).isEqualTo(expected);
    }

    @Test
    void blanks_around_trim_markers_go_and_lines_stay_elsewhere() {
        assertThat(run("{{range .Mounts}}\n  {{- .Source}}\n{{end}}")).isEqualTo("/srv/data\n");
        assertThat(run("{{println .Name}}")).isEqualTo("/web\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '§', value = {
            "{{.State.Pid§template: :1: unclosed action",
            "{{range .Mounts}}x§template: :1: unexpected EOF: {{range}} has no {{end}}",
            "{{end}}§template: :1: unexpected {{end}}",
            "{{foo .Name}}§template: :1: function \"foo\" not defined",
            "{{.Name 3}}§template: :1: can't give argument to non-function .Name",
            "{{}}§template: :1: missing value for command",
            "{{index .Mounts 99999999999999999999}}§template: :1: illegal number syntax: 99999999999999999999",
            "{{range $m := .Mounts}}{{end}}{{$m}}§template: :1: undefined variable \"$m\"",
            "{{if .Name}}{{else foo}}{{end}}§template: :1: unexpected foo in else",
            "{{/* never closed§template: :1: unclosed comment",
    })
    void a_template_that_does_not_parse_says_where_as_go_does(String template, String message) {
        assertThatThrownBy(() -> GoTemplate.parse(template)).isInstanceOf(TemplateException.class).hasMessage(message);
    }

    @Test
    void a_table_header_keeps_its_titles_through_the_string_functions_as_docker_does() {
        GoTemplate t = GoTemplate.parse("{{lower .Status}}\t{{json .Names}}");
        assertThat(t.executeHeader(Map.of("Status", "STATUS", "Names", "NAMES"))).isEqualTo("STATUS\tNAMES");
        assertThat(t.execute(Map.of("Status", "Up", "Names", "web"))).isEqualTo("up\t\"web\"");
    }

    @Test
    void an_error_names_the_line_of_the_template() {
        assertThatThrownBy(() -> GoTemplate.parse("x\n{{if .State}}")).hasMessage("template: :2: unexpected EOF: {{if}} has no {{end}}");
    }

    @Test
    void a_field_the_data_lacks_is_an_error_naming_it() {
        assertThatThrownBy(() -> run("{{.State.Pidd}}")).isInstanceOf(TemplateException.class)
                .hasMessage("template: :1: executing \"\" at <.State.Pidd>: map has no entry for key \"Pidd\"");
        assertThatThrownBy(() -> run("{{.Name.First}}")).hasMessageEndingWith("can't evaluate field First in type string");
        assertThatThrownBy(() -> run("{{.Config.Entrypoint.X}}")).hasMessageEndingWith("nil pointer evaluating interface {}.X");
        assertThatThrownBy(() -> run("{{index .Mounts 3}}")).hasMessageEndingWith("error calling index: index out of range: 3");
    }
}
