package jlab.labs.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jlab.labs.check.Status;

/** JUnit XML read back with the JDK's parser; Gradescope's results.json with exactly its fields. */
class ExportsTest {
    private final SubmittedResult result = ResultReader.read(
            Results.json("cgroup-cpu", Status.PASS, Status.PARTIAL, Status.FAIL, Status.ERROR, Status.SKIPPED), null);

    static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Element> elements(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) list.add((Element) nodes.item(i));
        return list;
    }

    @Test
    void junit_has_a_testcase_per_check_with_failure_error_and_skipped() throws Exception {
        Document doc = parse(JunitXml.write(result));
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        List<Element> suites = elements(root, "testsuite");
        assertThat(suites).hasSize(1);
        Element suite = suites.get(0);
        assertThat(suite.getAttribute("name")).isEqualTo("cgroup-cpu");
        assertThat(suite.getAttribute("tests")).isEqualTo("5");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        List<Element> cases = elements(suite, "testcase");
        assertThat(cases).extracting(c -> c.getAttribute("name"))
                .containsExactly("c1: Check 1", "c2: Check 2", "c3: Check 3", "c4: Check 4", "c5: Check 5");
        assertThat(cases.get(0).getChildNodes().getLength()).isZero();
        Element partial = elements(cases.get(1), "failure").get(0);
        assertThat(partial.getAttribute("message")).isEqualTo("partial (1/2): seen partial");
        Element fail = elements(cases.get(2), "failure").get(0);
        assertThat(fail.getAttribute("type")).isEqualTo("fail");
        assertThat(fail.getTextContent()).isEqualTo("seen fail\nHint: Look at /proc/2 <&> \"here\"");
        assertThat(elements(cases.get(3), "error")).hasSize(1);
        assertThat(elements(cases.get(4), "skipped").get(0).getAttribute("message")).isEqualTo("seen skipped");
    }

    @Test
    void a_control_character_the_student_put_in_a_hostname_keeps_the_xml_readable() throws Exception {
        String json = Results.json("uts-namespace", Status.FAIL).replace("seen fail", "seen host\\u0001name");
        Document doc = parse(JunitXml.write(ResultReader.read(json, null)));
        assertThat(elements(doc.getDocumentElement(), "failure").get(0).getAttribute("message")).isEqualTo("seen host\uFFFDname");
    }

    @Test
    void a_gradebooks_junit_has_one_suite_per_lab_and_a_class_per_student(@TempDir Path dir) throws Exception {
        GraderTest.oneOfEach(dir, false);
        Gradebook book = new Grader(GraderTest.ROSTER, GraderTest.DEADLINE, GraderTest::lab).grade(dir);
        Element root = parse(JunitXml.write(book)).getDocumentElement();
        assertThat(elements(root, "testsuite")).extracting(s -> s.getAttribute("name") + " " + s.getAttribute("tests"))
                .containsExactly("cgroup-pids 3", "uts-namespace 6");
        assertThat(elements(root, "testcase")).extracting(c -> c.getAttribute("classname")).containsExactly(
                "cgroup-pids.alice", "cgroup-pids.alice", "cgroup-pids.alice",
                "uts-namespace.alice", "uts-namespace.alice", "uts-namespace.bob", "uts-namespace.bob",
                "uts-namespace.carol", "uts-namespace.carol");
    }

    @Test
    void gradescope_keeps_exactly_gradescopes_fields() throws Exception {
        JsonNode g = new ObjectMapper().readTree(GradescopeJson.write(result));
        List<String> top = new ArrayList<>();
        g.fieldNames().forEachRemaining(top::add);
        assertThat(top).containsExactly("score", "execution_time", "output", "tests");
        assertThat(g.get("score").asDouble()).isEqualTo(2.0);
        assertThat(g.get("output").asText()).isEqualTo("cgroup-cpu (version 1, jlab 0.1.0): 2/11");
        for (JsonNode t : g.get("tests")) {
            List<String> names = new ArrayList<>();
            t.fieldNames().forEachRemaining(names::add);
            assertThat(names).containsExactly("name", "number", "score", "max_score", "status", "output");
        }
        assertThat(g.get("tests").get(1).get("status").asText()).isEqualTo("failed");
        assertThat(g.get("tests").get(0).get("status").asText()).isEqualTo("passed");
        assertThat(g.get("tests").get(3).get("max_score").asInt()).isZero();
    }
}
