package jlab.shell.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** ps/images --format: json lines, a line per row, or a table with Docker's titles and tabwriter's columns. */
class ListFormatTest {
    private static final Map<String, String> HEADERS = Map.of("ID", "CONTAINER ID", "Names", "NAMES", "Status", "STATUS");
    private static final List<Map<String, Object>> ROWS = List.of(row("3f2a9c1b7d4e", "web", "Up 3 seconds"), row("a1", "db", "Exited (0) 1 second ago"));

    private static Map<String, Object> row(String id, String name, String status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ID", id);
        m.put("Names", name);
        m.put("Status", status);
        return m;
    }

    private record Printed(int code, String out, String err) {}

    private static Printed print(String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        ListFormat f = ListFormat.read(format, HEADERS, "{{.ID}}\\t{{.Names}}", e);
        int code = f == null ? GoTemplate.PARSE_ERROR : f.print(ROWS, o, e);
        return new Printed(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void a_template_gives_a_line_per_row() {
        assertThat(print("{{.Names}}: {{.Status}}").out()).isEqualTo("web: Up 3 seconds\ndb: Exited (0) 1 second ago\n");
    }

    @Test
    void table_gives_dockers_titles_and_columns_at_least_ten_wide_with_three_blanks_after_the_widest_cell() {
        assertThat(print("table {{.ID}}\\t{{.Names}}\\t{{.Status}}").out()).isEqualTo("""
                CONTAINER ID   NAMES     STATUS
                3f2a9c1b7d4e   web       Up 3 seconds
                a1             db        Exited (0) 1 second ago
                """);
        assertThat(print("table").out()).as("table alone: the default columns").startsWith("CONTAINER ID   NAMES\n");
    }

    @Test
    void json_gives_an_object_per_line() {
        assertThat(print("json").out().lines().toList())
                .containsExactly("{\"ID\":\"3f2a9c1b7d4e\",\"Names\":\"web\",\"Status\":\"Up 3 seconds\"}",
                        "{\"ID\":\"a1\",\"Names\":\"db\",\"Status\":\"Exited (0) 1 second ago\"}");
    }

    @Test
    void a_mistake_is_one_line_and_nothing_printed() {
        Printed bad = print("{{.Names");
        assertThat(bad.code()).isEqualTo(64);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).isEqualTo("jlab: template parsing error: template: :1: unclosed action\n");
        Printed unknown = print("table {{.Ports}}");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.out()).as("not even the header").isEmpty();
        assertThat(unknown.err()).contains("map has no entry for key \"Ports\"");
    }
}
