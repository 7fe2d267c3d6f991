package jlab.labs.grade;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Results as JUnit XML, the form CI servers and LMS plug-ins read: a
 * {@code testsuites} with one {@code testsuite} per lab and one
 * {@code testcase} per check (per student and check for a gradebook:
 * {@code classname} is {@code lab.student}). A fail or partial is a
 * {@code failure}, an error an {@code error}, a skipped check {@code skipped};
 * each carries the message as its {@code message} and the output with its
 * hints as its text. Written with the JDK's DOM, so every text is escaped.
 */
public final class JunitXml {
    private JunitXml() {}

    /** One result: one testsuite. */
    public static String write(SubmittedResult r) {
        return write(Map.of(r.lab(), List.of(new Named(null, r))));
    }

    /** A gradebook: one testsuite per lab, its students' checks in the gradebook's order. */
    public static String write(Gradebook book) {
        Map<String, List<Named>> byLab = new TreeMap<>();
        for (GradeEntry e : book.entries()) byLab.computeIfAbsent(e.lab(), l -> new ArrayList<>()).add(new Named(e.student(), e.result()));
        return write(byLab);
    }

    private record Named(String student, SubmittedResult result) {}

    private static String write(Map<String, List<Named>> byLab) {
        Document doc = newDocument();
        Element suites = doc.createElement("testsuites");
        doc.appendChild(suites);
        for (Map.Entry<String, List<Named>> lab : new TreeMap<>(byLab).entrySet()) {
            Element suite = doc.createElement("testsuite");
            suite.setAttribute("name", lab.getKey());
            int tests = 0, failures = 0, errors = 0, skipped = 0;
            double time = 0;
            for (Named n : lab.getValue()) {
                time += n.result().executionTime();
                for (SubmittedResult.Check c : n.result().checks()) {
                    tests++;
                    Element tc = doc.createElement("testcase");
                    tc.setAttribute("classname", n.student() == null ? lab.getKey() : lab.getKey() + "." + n.student());
                    tc.setAttribute("name", xmlSafe(c.id() + ": " + c.name()));
                    String outcome = switch (c.result()) {
                        case "pass" -> null;
                        case "error" -> "error";
                        case "skipped" -> "skipped";
                        default -> "failure";
                    };
                    if (outcome != null) {
                        Element o = doc.createElement(outcome);
                        String message = firstLine(c.output());
                        if (c.result().equals("partial")) message = "partial (" + Gradebook.number(c.score()) + "/" + c.maxScore() + "): " + message;
                        o.setAttribute("message", xmlSafe(message));
                        if (!outcome.equals("skipped")) o.setAttribute("type", c.result());
                        o.setTextContent(xmlSafe(c.output()));
                        tc.appendChild(o);
                        switch (outcome) {
                            case "error" -> errors++;
                            case "skipped" -> skipped++;
                            default -> failures++;
                        }
                    }
                    suite.appendChild(tc);
                }
            }
            suite.setAttribute("tests", String.valueOf(tests));
            suite.setAttribute("failures", String.valueOf(failures));
            suite.setAttribute("errors", String.valueOf(errors));
            suite.setAttribute("skipped", String.valueOf(skipped));
            suite.setAttribute("time", String.format(Locale.ROOT, "%.3f", time));
            suites.appendChild(suite);
        }
        return serialize(doc);
    }

    /**
     * XML 1.0 cannot hold most control characters, not even escaped — and a
     * hostname the student set with sethostname(2) may contain any byte: each
     * such character becomes U+FFFD, so the file stays readable.
     */
    static String xmlSafe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF) ? c : 0xFFFD));
        return b.toString();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Document newDocument() {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String serialize(Document doc) {
        try {
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            doc.setXmlStandalone(true);
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(w));
            return w.toString().endsWith("\n") ? w.toString() : w + "\n";
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }
}
