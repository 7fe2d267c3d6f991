package jlab.web.tutor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * jlab runs), with their instructions as the labs' build rendered them:
 * {@code jlab/labs/html/ID.LANG.html}, an HTML fragment, read once and kept.
 */
final class LabBook {
    static final String HTML = "jlab/labs/html/";
    private final CompletableFuture<Map<String, Lab>> loading;
    private final Map<String, String> html = new ConcurrentHashMap<>();

    /**
     * Starts reading the labs on another thread and returns at once: reading the catalogue's sixteen lab.yaml files
     * takes a few hundred milliseconds, which the web server's own start-up can use meanwhile.
     */
    LabBook(Supplier<Catalogue> catalogue) {
        loading = CompletableFuture.supplyAsync(() -> {
            Map<String, Lab> labs = new LinkedHashMap<>();
            for (Lab lab : catalogue.get().all()) labs.put(lab.id(), lab);
            return labs;
        });
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

    /** The rendered instructions; without them (a build that skipped the labs' rendering), one line saying so. */
    String instructions(Lab lab, Lang lang) {
        return html.computeIfAbsent(lab.id() + "." + lang.code(), key -> read(key).orElseGet(() ->
                "<p class=\"missing\">" + (lang == Lang.FR ? "Les consignes de ce lab n'ont pas été rendues :" :
                        "This lab's instructions were not rendered:") + " <code>./mvnw install -pl labs</code></p>"));
    }

    private static Optional<String> read(String key) {
        try (InputStream in = LabBook.class.getClassLoader().getResourceAsStream(HTML + key + ".html")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(HTML + key + ".html", e);
        }
    }
}
