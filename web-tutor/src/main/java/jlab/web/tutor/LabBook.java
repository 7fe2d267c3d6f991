package jlab.web.tutor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jlab.labs.Catalogue;
import jlab.labs.model.Lab;
import jlab.labs.model.Lang;
import jlab.web.ClientError;

/**
 * The catalogue's labs, read once (a lab is data that does not change while
 * jlab runs), with their instructions as HTML, read once and kept: a built-in
 * lab's as the labs' build rendered them ({@code jlab/labs/html/ID.LANG.html},
 * by Asciidoctor), an instructor's ({@code JLAB_LABS_DIR}) rendered here from
 * its AsciiDoc by {@link AsciidocSubset}.
 */
final class LabBook {
    static final String HTML = "jlab/labs/html/";
    private final CompletableFuture<Catalogue> catalogue;
    private final CompletableFuture<Map<String, Lab>> loading;
    private final Map<String, String> html = new ConcurrentHashMap<>();

    /**
     * Starts reading the labs on another thread and returns at once: reading the catalogue's sixteen lab.yaml files
     * takes a few hundred milliseconds, which the web server's own start-up can use meanwhile.
     */
    LabBook(Supplier<Catalogue> catalogue) {
        this.catalogue = CompletableFuture.supplyAsync(catalogue);
        loading = this.catalogue.thenApply(c -> {
            Map<String, Lab> labs = new LinkedHashMap<>();
            for (Lab lab : c.all()) labs.put(lab.id(), lab);
            return labs;
        });
    }

    /** The instructor's labs that were left out (invalid, or with a built-in lab's id), one line each. */
    List<String> problems() {
        labs();
        return catalogue.join().problems();
    }

    /** Waits for the labs: a lab that does not read is a bug of jlab's, thrown here, at start-up. */
    LabBook ready() {
        labs();
        return this;
    }

    private Map<String, Lab> labs() {
        try {
            return loading.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    List<Lab> all() { return List.copyOf(labs().values()); }

    Optional<Lab> find(String id) { return Optional.ofNullable(labs().get(id)); }

    /** The lab, or 404 naming it and every id there is. */
    Lab require(String id) {
        Map<String, Lab> labs = labs();
        Lab lab = labs.get(id);
        if (lab == null) throw ClientError.notFound("no lab " + id + ": the labs are " + String.join(", ", labs.keySet()));
        return lab;
    }

    /**
     * The instructions as HTML: a built-in lab's as the build rendered them (without them, a build that skipped
     * the labs' rendering, one line saying so); an instructor's, rendered from its AsciiDoc.
     */
    String instructions(Lab lab, Lang lang) {
        return html.computeIfAbsent(lab.id() + "." + lang.code(), key -> catalogue.join().isBuiltIn(lab.id())
                ? read(key).orElseGet(() -> "<p class=\"missing\">" + (lang == Lang.FR ? "Les consignes de ce lab n'ont pas été rendues :"
                        : "This lab's instructions were not rendered:") + " <code>./mvnw install -pl labs</code></p>")
                : AsciidocSubset.render(readSource(lab.instructions(lang))));
    }

    private static String readSource(Path adoc) {
        try {
            return Files.readString(adoc);
        } catch (IOException e) {
            // lab validate requires both files; one removed since jlab started reads as this line
            return adoc + ": " + e.getMessage();
        }
    }

    private static Optional<String> read(String key) {
        try (InputStream in = LabBook.class.getClassLoader().getResourceAsStream(HTML + key + ".html")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(HTML + key + ".html", e);
        }
    }
}
