package jlab.course.demos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The compose file and the Kubernetes objects the "orchestration" chapter shows
 * (src/demos/orchestration/*.yaml) parse, and hold together the way a cluster would need:
 * each object has its apiVersion, kind and name; a workload's selector matches its pod
 * template's labels; a service selects pods that exist and targets a port they declare;
 * an ingress names a service that exists; a compose service depends only on services of
 * the file. There is no cluster here: this is what can be proven without one.
 */
class OrchestrationYamlTest {
    static final Path DIR = Path.of("src/demos/orchestration");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet");

    static List<JsonNode> kubernetesObjects() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("compose.yaml")).sorted().toList()) {
                try (var parser = YAML.createParser(f.toFile())) {
                    YAML.readValues(parser, JsonNode.class).forEachRemaining(out::add);
                }
            }
        }
        return out;
    }

    @Test
    void every_kubernetes_object_has_api_version_kind_and_name() throws IOException {
        List<JsonNode> objects = kubernetesObjects();
        assertThat(objects.stream().map(o -> o.path("kind").asText()).toList())
                .contains("Pod", "Deployment", "Service", "Ingress", "DaemonSet", "StatefulSet", "Job", "CronJob");
        for (JsonNode o : objects) {
            String what = o.path("kind").asText() + " " + o.path("metadata").path("name").asText();
            assertThat(o.path("apiVersion").asText()).as(what + ": apiVersion").matches("v1|(apps|batch|networking\\.k8s\\.io)/v1");
            assertThat(o.path("metadata").path("name").asText()).as(what + ": name").matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
            assertThat(o.path("spec").isObject()).as(what + ": spec").isTrue();
        }
    }

    @Test
    void each_workload_selects_the_labels_of_its_own_pod_template() throws IOException {
        for (JsonNode o : kubernetesObjects()) {
            if (!WORKLOADS.contains(o.path("kind").asText())) continue;
            Map<String, String> selector = strings(o.at("/spec/selector/matchLabels"));
            Map<String, String> labels = strings(o.at("/spec/template/metadata/labels"));
            assertThat(selector).as(o.path("kind").asText() + " selector").isNotEmpty();
            assertThat(labels).as(o.path("kind").asText() + " " + o.at("/metadata/name").asText()
                    + ": the template's labels must include the selector").containsAllEntriesOf(selector);
            assertThat(o.at("/spec/template/spec/containers").size()).isPositive();
        }
    }

    @Test
    void each_service_selects_pods_that_exist_on_a_port_they_declare() throws IOException {
        List<JsonNode> objects = kubernetesObjects();
        List<JsonNode> services = objects.stream().filter(o -> o.path("kind").asText().equals("Service")).toList();
        assertThat(services).isNotEmpty();
        for (JsonNode s : services) {
            Map<String, String> selector = strings(s.at("/spec/selector"));
            List<JsonNode> pods = objects.stream().filter(o -> WORKLOADS.contains(o.path("kind").asText()))
                    .filter(o -> strings(o.at("/spec/template/metadata/labels")).entrySet().containsAll(selector.entrySet()))
                    .toList();
            String name = s.at("/metadata/name").asText();
            assertThat(pods).as("service " + name + " selects " + selector + ": some workload's pods must carry it").isNotEmpty();
            Set<Integer> declared = new HashSet<>();
            for (JsonNode w : pods) {
                for (JsonNode c : w.at("/spec/template/spec/containers")) {
                    for (JsonNode p : c.path("ports")) declared.add(p.path("containerPort").asInt());
                }
            }
            for (JsonNode port : s.at("/spec/ports")) {
                assertThat(declared).as("service " + name + ": targetPort").contains(port.path("targetPort").asInt());
            }
        }
    }

    @Test
    void the_ingress_sends_to_a_service_of_the_examples_and_the_cronjob_has_five_fields() throws IOException {
        List<JsonNode> objects = kubernetesObjects();
        Set<String> services = new HashSet<>();
        objects.stream().filter(o -> o.path("kind").asText().equals("Service")).forEach(o -> services.add(o.at("/metadata/name").asText()));
        for (JsonNode o : objects) {
            if (o.path("kind").asText().equals("Ingress")) {
                for (JsonNode rule : o.at("/spec/rules")) {
                    for (JsonNode path : rule.at("/http/paths")) {
                        assertThat(services).contains(path.at("/backend/service/name").asText());
                    }
                }
            }
            if (o.path("kind").asText().equals("CronJob")) {
                assertThat(o.at("/spec/schedule").asText().split(" ")).as("cron: minute hour day month weekday").hasSize(5);
            }
        }
    }

    @Test
    void the_compose_file_depends_only_on_its_own_services_networks_and_volumes() throws IOException {
        JsonNode compose = YAML.readTree(DIR.resolve("compose.yaml").toFile());
        JsonNode services = compose.path("services");
        assertThat(services.size()).isEqualTo(3);
        Set<String> networks = new HashSet<>(), volumes = new HashSet<>();
        compose.path("networks").fieldNames().forEachRemaining(networks::add);
        compose.path("volumes").fieldNames().forEachRemaining(volumes::add);
        for (Map.Entry<String, JsonNode> e : services.properties()) {
            JsonNode s = e.getValue();
            assertThat(s.has("image") || s.has("build")).as(e.getKey() + ": image or build").isTrue();
            for (JsonNode d : s.path("depends_on")) assertThat(services.has(d.asText())).as(e.getKey() + " depends on " + d).isTrue();
            for (JsonNode n : s.path("networks")) assertThat(networks).as(e.getKey() + "'s networks").contains(n.asText());
            for (JsonNode p : s.path("ports")) assertThat(p.asText()).as(e.getKey() + ": HOST:CONTAINER").matches("\\d+:\\d+");
            for (JsonNode v : s.path("volumes")) {
                String source = v.asText().split(":")[0];
                if (!source.startsWith("/") && !source.startsWith(".")) assertThat(volumes).as(e.getKey() + "'s volume").contains(source);
            }
        }
    }

    private static Map<String, String> strings(JsonNode map) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        map.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
