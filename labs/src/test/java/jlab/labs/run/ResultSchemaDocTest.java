package jlab.labs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jlab.labs.check.Evidence;
import jlab.labs.check.Status;
import jlab.labs.model.Lang;
import jlab.labs.model.Text;

/** labs/README.md's table of jlab.result/v1 names every field lab check --json writes. */
class ResultSchemaDocTest {
    @Test
    void the_readmes_field_table_names_every_field_of_a_result() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("Every field, in the order"), readme.indexOf("## Submissions"));
        Instant at = Instant.parse("2026-12-07T10:00:00Z");
        CheckResult check = new CheckResult("limit", Text.both("Limit"), Status.FAIL, 0, 3, Text.both("no"),
                List.of(new Evidence("/sys/fs/cgroup/x", "max", "67108864")), List.of(Text.both("write 64M")));
        JsonNode json = new ObjectMapper().readTree(ResultJson.write(new LabResult("demo", 1, "jlab 0.1.0",
                new LabResult.HostFacts("pc", "6.1", "v2"), at, at.plusMillis(5), List.of(check)), Lang.EN));

        json.fieldNames().forEachRemaining(f -> assertThat(table).as("top-level " + f).contains("`" + f + (json.get(f).isArray() ? "[]" : "") + "`"));
        json.get("host").fieldNames().forEachRemaining(f -> assertThat(table).as("host." + f).contains("`" + f + "`"));
        JsonNode test = json.get("tests").get(0);
        test.fieldNames().forEachRemaining(f -> {
            String token = f + (test.get(f).isArray() ? "[]" : "");
            assertThat(table.contains("`tests[]." + token + "`") || table.contains("`." + token + "`")).as("tests[]." + token).isTrue();
        });
        test.get("evidence").get(0).fieldNames().forEachRemaining(f -> assertThat(table).as("evidence " + f).contains("`" + f + "`"));
    }
}
