package jlab.engine.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code images/index.json}: the list of jlab's images, as an OCI image layout's index. Each entry
 * points to an image's manifest; a tag is the entry's {@code org.opencontainers.image.ref.name}
 * annotation ({@code web:1}). An image with two tags has two entries; an image with none (a
 * "dangling" one, whose tag moved to a newer build) has one without the annotation. jlab adds two
 * annotations of its own: {@code jlab.parent}, the image a build step started from, and
 * {@code jlab.intermediate} for the image of each step of a build (its cache).
 *
 * So the store is itself an OCI image layout ({@code oci-layout}, {@code index.json}, {@code blobs/}):
 * {@code skopeo inspect oci:/var/lib/jlab/images:web:1} reads it.
 *
 * Changes happen under a file lock ({@code index.lock}) and are written whole to a temporary file
 * renamed over the old one, so two jlab processes never lose each other's tags.
 */
final class ImageIndex {
    static final String REF_NAME = "org.opencontainers.image.ref.name";
    static final String PARENT = "jlab.parent";
    static final String INTERMEDIATE = "jlab.intermediate";
    static final String CREATED = "org.opencontainers.image.created";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** One image entry: its manifest's descriptor and annotations. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(@JsonProperty("mediaType") String mediaType,
                 @JsonProperty("digest") String digest,
                 @JsonProperty("size") long size,
                 @JsonProperty("annotations") Map<String, String> annotations) {
        Entry {
            annotations = annotations == null ? Map.of() : new TreeMap<>(annotations);
        }

        @JsonIgnore
        Digest manifest() { return Digest.parse(digest); }

        @JsonIgnore
        String tag() { return annotations.get(REF_NAME); }

        @JsonIgnore
        boolean intermediate() { return "true".equals(annotations.get(INTERMEDIATE)); }

        Entry with(String key, String value) {
            Map<String, String> a = new TreeMap<>(annotations);
            if (value == null) a.remove(key); else a.put(key, value);
            return new Entry(mediaType, digest, size, a);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Index(@JsonProperty("schemaVersion") int schemaVersion,
                 @JsonProperty("mediaType") String mediaType,
                 @JsonProperty("manifests") List<Entry> manifests) {
        Index {
            manifests = manifests == null ? List.of() : List.copyOf(manifests);
        }
    }

    private final Path dir;

    ImageIndex(Path imagesDir) { this.dir = imagesDir; }

    private Path file() { return dir.resolve("index.json"); }

    /** The entries as they are now (no lock: the file is replaced whole, never written in place). */
    List<Entry> read() {
        Path f = file();
        if (!Files.isRegularFile(f)) return List.of();
        try {
            return JSON.readValue(f.toFile(), Index.class).manifests();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /** Changes the entries under the lock; returns what {@code change} returned. */
    List<Entry> update(UnaryOperator<List<Entry>> change) {
        try {
            Files.createDirectories(dir);
            if (!Files.exists(dir.resolve("oci-layout"))) {
                Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}\n");
            }
            try (FileChannel ch = FileChannel.open(dir.resolve("index.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                List<Entry> next = change.apply(new ArrayList<>(read()));
                Path tmp = Files.createTempFile(dir, ".index-", ".json");
                JSON.writeValue(tmp.toFile(), new Index(2, Descriptor.INDEX, next));
                Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return next;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file() + ": " + e.getMessage(), e);
        }
    }
}
