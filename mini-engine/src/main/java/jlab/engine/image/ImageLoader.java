package jlab.engine.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import jlab.engine.EngineException;

/**
 * {@code jlab load}: images from a tarball into the store, in either of the two formats there are.
 *
 * <ul>
 * <li>An <b>OCI image layout</b> ({@code docker save} of Docker 25 and later, {@code podman save
 * --format oci-archive}, skopeo, jlab's own {@code save}): {@code index.json} lists manifests, perhaps
 * through a nested index (one per platform: jlab takes this machine's); each manifest names its config
 * and layers, each a {@code blobs/sha256/HEX}. The blobs are copied byte for byte, so the image keeps
 * its ID and its manifest digest.</li>
 * <li>A <b>docker-archive</b> (older {@code docker save}, {@code podman save}): {@code manifest.json}
 * lists {@code {Config, RepoTags, Layers}}, the layers as paths ({@code ID/layer.tar}). There is no
 * manifest blob: jlab writes one. The config's bytes are kept, so the image ID is the same.</li>
 * </ul>
 *
 * Nothing is trusted: each blob must hash to its digest and have the size its descriptor claims (checked
 * as it is copied in, {@link Blobs#copyIn}); each layer's tar, unpacked, must hash to the config's
 * {@code diff_id}. The images are indexed only once all of them passed; until then a lease keeps another
 * jlab's {@code image prune} off the blobs, and on any failure everything this load added is collected
 * again: a truncated or corrupted tarball leaves the store as it was.
 */
public final class ImageLoader {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CONTAINERD_NAME = "io.containerd.image.name";
    private static final Pattern HEX_NAME = Pattern.compile("(?:^|/)(?:sha256[:/])?([0-9a-f]{64})(?:\\.json|\\.tar)?$");
    private static final int MAX_NESTING = 4;

    private final ImageStore store;

    public ImageLoader(ImageStore store) { this.store = store; }

    /** One manifest of an OCI index: {@code index.json}'s entries, or a nested index's. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record IndexEntry(@JsonProperty("mediaType") String mediaType, @JsonProperty("digest") String digest,
                      @JsonProperty("size") long size, @JsonProperty("annotations") Map<String, String> annotations,
                      @JsonProperty("platform") Platform platform) {
        Descriptor descriptor() { return new Descriptor(mediaType, digest, size); }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Platform(@JsonProperty("os") String os, @JsonProperty("architecture") String architecture) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OciIndex(@JsonProperty("manifests") List<IndexEntry> manifests) {}

    /** One image of a docker-archive's manifest.json. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ArchiveEntry(@JsonProperty("Config") String config, @JsonProperty("RepoTags") List<String> repoTags,
                        @JsonProperty("Layers") List<String> layers) {}

    /** Loads a tarball read from a stream (standard input): spooled to a file first, as the tar is read by name. */
    public List<String> load(InputStream in, String what) {
        Path spool = null;
        try {
            Files.createDirectories(store.dir());
            spool = Files.createTempFile(store.dir(), ".load-", ".tar");
            try (InputStream tar = LayerReader.uncompressed(in)) {
                Files.copy(tar, spool, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return loadTar(spool, what);
        } catch (IOException e) {
            throw new EngineException(what + ": cannot read it: " + e.getMessage(), 1);
        } finally {
            ImageStore.deleteQuietly(spool);
        }
    }

    /** Loads a tarball file (plain, or gzip-compressed as {@code docker save | gzip} makes it). */
    public List<String> load(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            if (!Files.exists(file)) throw new EngineException(what + ": no such file", 1);
            try (InputStream in = Files.newInputStream(file)) {
                return load(in, what); // a FIFO, /dev/stdin: read it once, as a stream
            } catch (IOException e) {
                throw new EngineException(what + ": cannot read it: " + e.getMessage(), 1);
            }
        }
        try (InputStream in = Files.newInputStream(file)) {
            if (in.read() == 0x1f && in.read() == 0x8b) {
                try (InputStream again = Files.newInputStream(file)) {
                    return load(again, what);
                }
            }
        } catch (IOException e) {
            throw new EngineException(what + ": cannot read it: " + e.getMessage(), 1);
        }
        return loadTar(file, what);
    }

    private List<String> loadTar(Path file, String what) {
        boolean indexed = false;
        Leases.Lease lease = store.leases().open();
        try (Tarball tar = Tarball.open(file, what)) {
            List<StagedImage> images;
            if (tar.has("index.json")) {
                images = fromOciLayout(tar, lease);
            } else if (tar.has("manifest.json")) {
                images = fromDockerArchive(tar, lease);
            } else {
                throw new EngineException(what + ": neither index.json (an OCI image layout) nor manifest.json (docker save)"
                        + " is in it: not an image archive, or one cut short (a container's files are imported with jlab import)", 1);
            }
            if (images.isEmpty()) throw new EngineException(what + ": it holds no image", 1);
            for (StagedImage s : images) s.verify(store, what + ": " + name(s));
            List<String> lines = new ArrayList<>();
            for (StagedImage s : images) {
                StoredImage stored = s.index(store);
                if (s.tags().isEmpty()) lines.add("Loaded image ID: " + stored.id());
                for (String t : s.tags()) lines.add("Loaded image: " + t);
            }
            indexed = true;
            return lines;
        } catch (UncheckedIOException e) {
            throw new EngineException(what + ": " + e.getMessage(), 1);
        } finally {
            lease.close();
            if (!indexed) store.collect(); // what this load added, the index names none of: it goes
        }
    }

    private static String name(StagedImage s) {
        return s.tags().isEmpty() ? "image " + s.configDigest().shortHex() : s.tags().get(0);
    }

    // ---------------------------------------------------------------- OCI image layout

    private List<StagedImage> fromOciLayout(Tarball tar, Leases.Lease lease) {
        OciIndex index = parse(tar.readJson("index.json", "the OCI index"), OciIndex.class, tar.what() + ": index.json");
        Map<String, StagedImage> byManifest = new LinkedHashMap<>();
        for (IndexEntry e : index.manifests() == null ? List.<IndexEntry>of() : index.manifests()) {
            List<String> tags = tags(e.annotations(), tar.what());
            StagedImage s = resolve(tar, e, tags, lease, 0);
            if (s == null) continue;
            StagedImage known = byManifest.get(s.manifest().digestText());
            if (known != null) {
                List<String> all = new ArrayList<>(known.tags());
                for (String t : tags) if (!all.contains(t)) all.add(t);
                s = new StagedImage(known.manifest(), known.body(), known.configDigest(), known.config(), all);
            }
            byManifest.put(s.manifest().digestText(), s);
        }
        return new ArrayList<>(byManifest.values());
    }

    /**
     * The name an index entry gives its image: containerd's full name ({@code docker.io/library/web:1}) if
     * there is one; else the OCI ref.name when it is a whole reference (podman writes {@code localhost/web:1});
     * a ref.name that is a tag alone ({@code 1}, as the OCI spec means it) names no repository: untagged.
     */
    private static List<String> tags(Map<String, String> annotations, String what) {
        if (annotations == null) return List.of();
        String name = annotations.get(CONTAINERD_NAME);
        if (name == null) {
            String ref = annotations.get(ImageIndex.REF_NAME);
            if (ref != null && (ref.contains(":") || ref.contains("/"))) name = ref;
        }
        if (name == null) return List.of();
        try {
            return List.of(Reference.parse(name).toString());
        } catch (EngineException e) {
            throw new EngineException(what + ": index.json names an image " + e.getMessage(), 1);
        }
    }

    /** The image an index entry points to: a manifest, or (for a multi-platform index) this machine's. */
    private StagedImage resolve(Tarball tar, IndexEntry e, List<String> tags, Leases.Lease lease, int depth) {
        Descriptor d = descriptor(tar, e);
        String type = d.mediaType() == null ? "" : d.mediaType();
        if (type.equals(Descriptor.INDEX) || type.equals(Descriptor.DOCKER_LIST)) {
            if (depth >= MAX_NESTING) throw new EngineException(tar.what() + ": indexes nested too deep", 1);
            byte[] bytes = readBlob(tar, d, "the nested index " + d.digestText());
            OciIndex nested = parse(bytes, OciIndex.class, tar.what() + ": index " + d.digest().shortHex());
            IndexEntry mine = forThisMachine(nested, tar.what());
            storeJson(bytes, d, lease, tar.what());
            return resolve(tar, mine, tags, lease, depth + 1);
        }
        if (!type.isEmpty() && !type.equals(Descriptor.MANIFEST) && !type.equals(Descriptor.DOCKER_MANIFEST)) {
            return null; // an artifact (a signature, an attestation): not an image to run
        }
        byte[] manifestBytes = readBlob(tar, d, "manifest " + d.digestText());
        Manifest m = parse(manifestBytes, Manifest.class, tar.what() + ": manifest " + d.digest().shortHex());
        if (m.config() == null) throw new EngineException(tar.what() + ": manifest " + d.digestText() + " names no config", 1);
        Descriptor configDesc = m.config();
        byte[] configBytes = readBlob(tar, configDesc, "the config " + configDesc.digestText());
        ImageConfig config = parse(configBytes, ImageConfig.class, tar.what() + ": config " + configDesc.digest().shortHex());
        for (int i = 0; i < m.layers().size(); i++) {
            Descriptor layer = m.layers().get(i);
            String why = "layer " + (i + 1) + " (" + layer.digestText() + ")";
            TarArchiveEntry entry = tar.require(blobPath(layer), why);
            checkSize(tar, entry, layer, why);
            lease.add(layer.digest());
            try (InputStream in = tar.open(entry)) {
                store.blobs().copyIn(in, layer, tar.what() + ": " + why);
            } catch (IOException x) {
                throw tar.truncated(blobPath(layer));
            }
        }
        storeJson(configBytes, configDesc, lease, tar.what());
        Descriptor manifest = new Descriptor(type.isEmpty() ? Descriptor.MANIFEST : type, d.digest(), d.size());
        storeJson(manifestBytes, manifest, lease, tar.what());
        return new StagedImage(manifest, m, configDesc.digest(), config, tags);
    }

    private static Descriptor descriptor(Tarball tar, IndexEntry e) {
        if (e.digest() == null || !Digest.looksLike(e.digest()) || e.size() < 0) {
            throw new EngineException(tar.what() + ": an index entry has no valid sha256 digest and size (" + e.digest()
                    + ")", 1);
        }
        return e.descriptor();
    }

    private static IndexEntry forThisMachine(OciIndex index, String what) {
        String arch = ImageConfig.hostArchitecture();
        List<IndexEntry> all = index.manifests() == null ? List.of() : index.manifests();
        for (IndexEntry e : all) {
            Platform p = e.platform();
            if (p != null && "linux".equals(p.os()) && arch.equals(p.architecture())) return e;
        }
        List<IndexEntry> unmarked = all.stream().filter(e -> e.platform() == null).toList();
        if (unmarked.size() == 1) return unmarked.get(0);
        throw new EngineException(what + ": its index holds no image for linux/" + arch + " (it has "
                + all.stream().map(e -> e.platform() == null ? "?" : e.platform().os() + "/" + e.platform().architecture()).toList()
                + ")", 1);
    }

    private static String blobPath(Descriptor d) { return "blobs/sha256/" + d.digest().hex(); }

    /** A JSON blob (index, manifest, config), checked against its descriptor's size and digest. */
    private static byte[] readBlob(Tarball tar, Descriptor d, String why) {
        TarArchiveEntry entry = tar.require(blobPath(d), why);
        checkSize(tar, entry, d, why);
        byte[] bytes = tar.readJson(blobPath(d), why);
        Digest actual = Digest.of(bytes);
        if (!actual.equals(d.digest())) {
            throw new EngineException(tar.what() + ": " + why + ": digest mismatch: its content hashes to " + actual
                    + " (the file was changed or is corrupted)", 1);
        }
        return bytes;
    }

    private static void checkSize(Tarball tar, TarArchiveEntry entry, Descriptor d, String why) {
        if (entry.getSize() != d.size()) {
            throw new EngineException(tar.what() + ": " + why + ": size mismatch: the tarball holds " + entry.getSize()
                    + " bytes, its descriptor says " + d.size(), 1);
        }
    }

    private void storeJson(byte[] bytes, Descriptor d, Leases.Lease lease, String what) {
        lease.add(d.digest());
        store.blobs().copyIn(new ByteArrayInputStream(bytes), d, what + ": " + d.digestText());
    }

    // ---------------------------------------------------------------- docker-archive

    private List<StagedImage> fromDockerArchive(Tarball tar, Leases.Lease lease) {
        List<ArchiveEntry> entries = parse(tar.readJson("manifest.json", "Docker's manifest.json"),
                new TypeReference<List<ArchiveEntry>>() {}, tar.what() + ": manifest.json");
        List<StagedImage> out = new ArrayList<>();
        for (ArchiveEntry e : entries) {
            if (e.config() == null) throw new EngineException(tar.what() + ": manifest.json has an image with no Config", 1);
            byte[] configBytes = tar.readJson(e.config(), "the image config");
            Digest configDigest = Digest.of(configBytes);
            checkNamedDigest(tar, e.config(), configDigest);
            ImageConfig config = parse(configBytes, ImageConfig.class, tar.what() + ": " + e.config());
            List<String> layerPaths = e.layers() == null ? List.of() : e.layers();
            if (layerPaths.size() != config.diffIds().size()) {
                throw new EngineException(tar.what() + ": manifest.json lists " + layerPaths.size() + " layers, the config "
                        + e.config() + " " + config.diffIds().size(), 1);
            }
            List<Descriptor> layers = new ArrayList<>();
            for (int i = 0; i < layerPaths.size(); i++) layers.add(copyLayer(tar, layerPaths.get(i), i + 1, lease));
            Descriptor configDesc = new Descriptor(Descriptor.CONFIG, configDigest, configBytes.length);
            storeJson(configBytes, configDesc, lease, tar.what());
            Manifest m = Manifest.of(configDesc, layers);
            byte[] manifestBytes = ImageStore.json(m);
            Descriptor manifest = new Descriptor(Descriptor.MANIFEST, Digest.of(manifestBytes), manifestBytes.length);
            storeJson(manifestBytes, manifest, lease, tar.what());
            List<String> tags = new ArrayList<>();
            for (String t : e.repoTags() == null ? List.<String>of() : e.repoTags()) {
                try {
                    tags.add(Reference.parse(t).toString());
                } catch (EngineException bad) {
                    throw new EngineException(tar.what() + ": manifest.json tags an image " + bad.getMessage(), 1);
                }
            }
            out.add(new StagedImage(manifest, m, configDigest, config, tags));
        }
        return out;
    }

    /** A layer named by a path: its digest is learnt as it is copied (and checked if the path is a digest). */
    private Descriptor copyLayer(Tarball tar, String path, int n, Leases.Lease lease) {
        String why = "layer " + n;
        TarArchiveEntry entry = tar.require(path, why);
        try {
            String type;
            try (InputStream in = tar.open(entry)) {
                type = in.read() == 0x1f && in.read() == 0x8b ? Descriptor.LAYER_GZIP : Descriptor.LAYER;
            }
            long[] copied = {0};
            Descriptor d = store.blobs().write(type, out -> {
                try (InputStream in = tar.open(entry)) {
                    copied[0] = in.transferTo(out);
                }
            });
            lease.add(d.digest());
            if (copied[0] != entry.getSize()) throw tar.truncated(path);
            checkNamedDigest(tar, path, d.digest());
            return d;
        } catch (IOException x) {
            throw tar.truncated(path);
        }
    }

    /** A file named by a digest ({@code HEX.json}, {@code blobs/sha256/HEX}) must hash to it. */
    private static void checkNamedDigest(Tarball tar, String path, Digest actual) {
        Matcher m = HEX_NAME.matcher(path);
        if (m.find() && !m.group(1).equals(actual.hex())) {
            throw new EngineException(tar.what() + ": " + path + ": digest mismatch: its content hashes to " + actual
                    + " (the file was changed or is corrupted)", 1);
        }
    }

    // ---------------------------------------------------------------- JSON

    private static <T> T parse(byte[] bytes, Class<T> type, String what) {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new EngineException(what + " is not valid JSON (" + firstLine(e.getMessage()) + ")", 1);
        }
    }

    private static <T> T parse(byte[] bytes, TypeReference<T> type, String what) {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new EngineException(what + " is not valid JSON (" + firstLine(e.getMessage()) + ")", 1);
        }
    }

    private static String firstLine(String s) { return s == null ? "" : s.lines().findFirst().orElse(""); }
}
