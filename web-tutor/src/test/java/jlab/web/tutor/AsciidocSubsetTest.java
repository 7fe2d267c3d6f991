package jlab.web.tutor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import jlab.labs.Catalogue;
import jlab.labs.model.Lab;
import jlab.labs.model.Lang;

/**
 * The subset of AsciiDoc an instructor's lab is rendered with, held against Asciidoctor itself: every
 * built-in lab's instructions, in both languages, rendered by the subset, are the very HTML the build's
 * Asciidoctor made of them (the labs module's jlab/labs/html/ID.LANG.html).
 */
class AsciidocSubsetTest {
    @Test
    void every_built_in_labs_instructions_render_as_asciidoctor_renders_them() throws IOException {
        List<String> compared = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        for (Lab lab : Catalogue.builtIn().all()) {
            for (Lang lang : Lang.values()) {
                String key = lab.id() + "." + lang.code();
                String asciidoctor = resource(LabBook.HTML + key + ".html");
                String subset = AsciidocSubset.render(Files.readString(lab.instructions(lang)));
                String difference = firstDifference(lines(subset), lines(asciidoctor));
                if (!difference.isEmpty()) differences.add(key + ": " + difference);
                compared.add(key);
            }
        }
        assertThat(differences).as("labs whose instructions the subset renders otherwise").isEmpty();
        assertThat(compared).as("16 labs, 2 languages").hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void an_instructors_file_puts_no_markup_of_its_own_into_the_page() {
        String html = AsciidocSubset.render("""
                = Title
                
                Hello <script>alert(1)</script> & <b>bold</b>, "quoted".
                
                [source,"><img src=x onerror=alert(1)>,role="><script>x</script>]
                ----
                <img src=x onerror=alert(1)>   <1>
                ----
                <1> a <i>callout</i>
                
                link:javascript:alert(1)//x.html[click] and https://example.org/a"onmouseover="x[site]
                """);
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>").doesNotContain("<i>")
                .doesNotContain("href=\"javascript").doesNotContain("a\"onmouseover=\"x\"")
                .contains("Hello &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;, \"quoted\".")
                .contains("&lt;img src=x onerror=alert(1)&gt;   <b class=\"conum\">(1)</b>")
                .contains("<p>a &lt;i&gt;callout&lt;/i&gt;</p>")
                .contains("<a href=\"https://example.org/a\" class=\"bare\">https://example.org/a</a>\"onmouseover=\"x[site]");
    }

    @Test
    void sections_lists_and_admonitions_take_asciidoctors_markup() {
        String html = AsciidocSubset.render("""
                = Lab
                
                == Step one: `unshare`
                
                * first *item*
                over two lines
                * second _item_
                
                . one
                . two
                
                NOTE: a note
                
                == Step one: `unshare`
                
                === Going further: PID 1's view...

                Then -- at last -- the end.
                """);
        assertThat(html).contains("<h2 id=\"step-one-unshare\">Step one: <code>unshare</code></h2>")
                .contains("<h2 id=\"step-one-unshare-2\">")
                .contains("<div class=\"ulist\">\n<ul>\n<li>\n<p>first <strong>item</strong>\nover two lines</p>\n</li>\n<li>\n<p>second <em>item</em></p>")
                .contains("<div class=\"olist arabic\">\n<ol>\n<li>\n<p>one</p>")
                .contains("<div class=\"admonitionblock note\">").contains("<div class=\"title\">Note</div>")
                .contains("<h3 id=\"going-further-pid-1s-view\">Going further: PID 1&#8217;s view&#8230;&#8203;</h3>")
                .contains("<p>Then&#8201;&#8212;&#8201;at last&#8201;&#8212;&#8201;the end.</p>");
    }

    /** Empty when the two are the same; otherwise the first line that differs, with the lines around it in both. */
    private static String firstDifference(List<String> subset, List<String> asciidoctor) {
        int n = Math.min(subset.size(), asciidoctor.size());
        int i = 0;
        while (i < n && subset.get(i).equals(asciidoctor.get(i))) i++;
        if (i == n && subset.size() == asciidoctor.size()) return "";
        int from = Math.max(0, i - 3);
        return "line " + (i + 1) + "\n--- the subset:\n" + String.join("\n", subset.subList(from, Math.min(subset.size(), i + 4)))
                + "\n--- Asciidoctor:\n" + String.join("\n", asciidoctor.subList(from, Math.min(asciidoctor.size(), i + 4)));
    }

    private static List<String> lines(String html) {
        return html.strip().lines().toList();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AsciidocSubsetTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " (rendered by the labs module's build)").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
