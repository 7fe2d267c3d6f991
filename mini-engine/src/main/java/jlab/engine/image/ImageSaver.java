package jlab.engine.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code jlab save}: images as one tarball that Docker, Podman and skopeo read — the layout
 * {@code docker save} writes since Docker 25:
 *
 * <pre>
 * oci-layout                {"imageLayoutVersion": "1.0.0"}
 * index.json                an OCI index: a manifest per tag, named twice (below)
 * manifest.json             Docker's older list: [{"Config": "blobs/sha256/..", "RepoTags": ["web:1"], "Layers": [..]}]
 * blobs/sha256/HEX          the manifests, configs and layer tars, copied byte for byte from the store
 * </pre>
 *
 * An OCI reader follows index.json; an older Docker follows manifest.json to the very same blobs. Each
 * tag's index entry carries containerd's {@code io.containerd.image.name} (the full name,
 * {@code docker.io/library/web:1}) and the OCI {@code org.opencontainers.image.ref.name} (the tag alone,
 * {@code 1}, as the OCI layout spec means it). As the blobs are copied, not rewritten, the image keeps its
 * ID and manifest digest across save and load. Entries get the time 0 and root's owner: the same images
 * always make the same tarball.
 */
public final class ImageSaver {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An image to save, with the names it takes along (none: it is loaded untagged, as Docker does for an ID). */
    public record Request(StoredImage image, List<String> tags) {}

    /** One image in Docker's manifest.json. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ArchiveEntry(@JsonProperty("Config") String config, @JsonProperty("RepoTags") List<String> repoTags,
                        @JsonProperty("Layers") List<String> layers) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record IndexEntry(@JsonProperty("mediaType") String mediaType, @JsonProperty("digest") String digest,
                      @JsonProperty("size") long size, @JsonProperty("annotations") Map<String, String> annotations) {}

    record Index(@JsonProperty("schemaVersion") int schemaVersion, @JsonProperty("mediaType") String mediaType,
                 @JsonProperty("manifests") List<IndexEntry> manifests) {}

    private final ImageStore store;

    public ImageSaver(ImageStore store) { this.store = store; }

    /** Writes {@code requests} as one tarball to {@code out} (left open). */
    public void write(List<Request> requests, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        directory(tar, "blobs/");
        directory(tar, "blobs/sha256/");
        Set<Digest> written = new LinkedHashSet<>();
        List<IndexEntry> index = new ArrayList<>();
        Map<Digest, ArchiveEntry> archive = new LinkedHashMap<>();
        for (Request r : requests) {
            StoredImage s = r.image();
            List<Digest> blobs = new ArrayList<>();
            s.manifestBody().layers().forEach(l -> blobs.add(l.digest()));
            blobs.add(s.manifestBody().config().digest());
            blobs.add(s.manifest());
            for (Digest d : blobs) if (written.add(d)) blob(tar, d);

            String type = s.manifestBody().mediaType() == null ? Descriptor.MANIFEST : s.manifestBody().mediaType();
            long size = store.blobs().size(s.manifest());
            if (r.tags().isEmpty()) {
                index.add(new IndexEntry(type, s.manifest().toString(), size, Map.of()));
            }
            for (String t : r.tags()) {
                Reference ref = Reference.parse(t);
                index.add(new IndexEntry(type, s.manifest().toString(), size,
                        new java.util.TreeMap<>(Map.of(ImageLoader.CONTAINERD_NAME, fullName(ref), ImageIndex.REF_NAME, ref.tag()))));
            }
            ArchiveEntry known = archive.get(s.id());
            List<String> repoTags = new ArrayList<>(known == null || known.repoTags() == null ? List.of() : known.repoTags());
            for (String t : r.tags()) if (!repoTags.contains(t)) repoTags.add(t);
            archive.put(s.id(), new ArchiveEntry(path(s.manifestBody().config().digest()), repoTags.isEmpty() ? null : repoTags,
                    s.manifestBody().layers().stream().map(l -> path(l.digest())).toList()));
        }
        file(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        file(tar, "index.json", JSON.writeValueAsBytes(new Index(2, Descriptor.INDEX, index)));
        file(tar, "manifest.json", JSON.writeValueAsBytes(new ArrayList<>(archive.values())));
        tar.finish();
        out.flush();
    }

    /**
     * Docker's full name of an image: a name with no registry is Docker Hub's ({@code web} is
     * {@code docker.io/library/web}, {@code me/web} is {@code docker.io/me/web}); a first part with a dot,
     * a port or "localhost" is a registry.
     */
    static String fullName(Reference ref) {
        String name = ref.name();
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        boolean registry = first.contains(".") || first.contains(":") || first.equals("localhost");
        String full = registry ? name : slash < 0 ? "docker.io/library/" + name : "docker.io/" + name;
        return full + ":" + ref.tag();
    }

    private static String path(Digest d) { return "blobs/sha256/" + d.hex(); }

    private void blob(TarArchiveOutputStream tar, Digest d) throws IOException {
        TarArchiveEntry e = entry(path(d), TarConstants.LF_NORMAL, 0644);
        e.setSize(store.blobs().size(d));
        tar.putArchiveEntry(e);
        try (InputStream in = store.blobs().open(d)) {
            long n = in.transferTo(tar);
            if (n != e.getSize()) throw new IOException("blob " + d + " changed size while it was saved");
        }
        tar.closeArchiveEntry();
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        tar.putArchiveEntry(entry(name, TarConstants.LF_DIR, 0755));
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, 0644);
        e.setSize(bytes.length);
        tar.putArchiveEntry(e);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry entry(String name, byte type, int mode) {
        TarArchiveEntry e = new TarArchiveEntry(name, type);
        e.setMode(mode);
        e.setUserId(0L);
        e.setGroupId(0L);
        e.setUserName("");
        e.setGroupName("");
        e.setModTime(FileTime.fromMillis(0));
        return e;
    }
}
