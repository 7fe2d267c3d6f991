package jlab.engine.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import jlab.engine.EngineException;
import jlab.engine.state.ContainerStore;

/**
 * jlab's images: content-addressed blobs ({@link Blobs}), the unpacked layers ({@link Layers}), and
 * the index of images and their tags ({@link ImageIndex}), all under {@code images/} of the state
 * directory — which is an OCI image layout:
 *
 * <pre>
 * images/oci-layout            {"imageLayoutVersion": "1.0.0"}
 * images/index.json            the images: a manifest's descriptor per tag (or one without a tag)
 * images/blobs/sha256/HEX      manifests, configs, layer tars, each named by its digest
 * images/layers/HEX            each layer unpacked, named by its diff_id; overlayfs stacks them
 * images/leases/PID-N          blobs a running jlab is writing (see {@link Leases})
 * </pre>
 *
 * An image's ID is the digest of its config, as in Docker. The built-in {@code busybox} is made from
 * the host's static busybox on first use, then it is an image like any other.
 */
public final class ImageStore {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Path dir;
    private final Blobs blobs;
    private final ImageIndex index;
    private final Layers layers;
    private final Leases leases;

    public ImageStore(Path imagesDir) {
        this.dir = imagesDir;
        this.blobs = new Blobs(imagesDir);
        this.index = new ImageIndex(imagesDir);
        this.layers = new Layers(imagesDir);
        this.leases = new Leases(imagesDir);
    }

    public Path dir() { return dir; }

    public Blobs blobs() { return blobs; }

    public Leases leases() { return leases; }

    // ---------------------------------------------------------------- reading

    /** Every image, newest first: tagged, dangling and build steps alike. */
    public List<StoredImage> list() {
        Map<Digest, List<ImageIndex.Entry>> byManifest = new LinkedHashMap<>();
        for (ImageIndex.Entry e : index.read()) byManifest.computeIfAbsent(e.manifest(), k -> new ArrayList<>()).add(e);
        List<StoredImage> out = new ArrayList<>();
        byManifest.forEach((m, entries) -> out.add(load(m, entries)));
        out.sort(Comparator.comparing((StoredImage s) -> s.config().created() == null ? "" : s.config().created()).reversed()
                .thenComparing(s -> s.id().hex()));
        return out;
    }

    /**
     * The images {@code jlab images} shows: tagged ones, and dangling ones (no tag, nothing built on them).
     * A build's steps are kept as untagged intermediate images, the cache, hidden while something is built on
     * them; the last one of a failed build, or of a multi-stage build's earlier stage, has nothing built on
     * it: dangling, shown as {@code <none>} and removed by {@code image prune}, as Docker's classic builder
     * leaves them.
     */
    public List<StoredImage> listVisible(boolean all) {
        List<StoredImage> images = list();
        if (all) return images;
        Set<String> parents = new HashSet<>();
        for (StoredImage s : images) if (s.parent() != null) parents.add(s.parent());
        return images.stream().filter(s -> !s.tags().isEmpty() || !parents.contains(s.id().toString())).toList();
    }

    private StoredImage load(Digest manifestDigest, List<ImageIndex.Entry> entries) {
        Manifest m = readJson(manifestDigest, Manifest.class);
        ImageConfig c = readJson(m.config().digest(), ImageConfig.class);
        List<String> tags = entries.stream().map(ImageIndex.Entry::tag).filter(t -> t != null).sorted().toList();
        Map<String, String> annotations = new HashMap<>();
        entries.forEach(e -> annotations.putAll(e.annotations()));
        annotations.remove(ImageIndex.REF_NAME);
        long size = m.layers().stream().mapToLong(Descriptor::size).sum();
        return new StoredImage(m.config().digest(), manifestDigest, m, c, tags, annotations.get(ImageIndex.PARENT),
                entries.stream().allMatch(ImageIndex.Entry::intermediate) && tags.isEmpty(), size, annotations);
    }

    /**
     * Manifests and configs read so far. A blob never changes (its name is its content's digest), so
     * what was read once stays true: a jlab that lives on (the prompt, a script) reads each only once.
     */
    private final Map<Digest, Object> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    private <T> T readJson(Digest d, Class<T> type) {
        Object known = parsed.get(d);
        if (type.isInstance(known)) return type.cast(known);
        try {
            T value = JSON.readValue(blobs.read(d), type);
            parsed.put(d, value);
            return value;
        } catch (IOException e) {
            throw new EngineException("blob " + d + " is not a valid " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Finds an image by {@code NAME[:TAG]}, by its ID ({@code sha256:...}) or by a prefix of the ID's hex.
     * A name is looked up first, as Docker does: a tag spelled in hex digits ({@code cafe}) is that tag,
     * not the image whose ID starts with cafe.
     */
    public Optional<StoredImage> find(String ref) {
        List<StoredImage> all = list();
        Optional<String> tag = ref.startsWith("sha256:") ? Optional.empty() : tagOf(ref);
        Optional<StoredImage> tagged = tag.flatMap(t -> all.stream().filter(s -> s.tags().contains(t)).findFirst());
        if (tagged.isPresent() || !looksLikeId(ref)) return tagged;
        String hex = ref.startsWith("sha256:") ? ref.substring(7) : ref;
        List<StoredImage> matches = all.stream().filter(s -> s.id().hex().startsWith(hex)).toList();
        if (matches.size() > 1) {
            throw new EngineException("the ID prefix " + ref + " matches " + matches.size() + " images: give more digits");
        }
        return matches.stream().findFirst();
    }

    /** {@code ref} as a full tag ({@code web} is {@code web:latest}); empty for hex that is no name, an error for anything else. */
    private static Optional<String> tagOf(String ref) {
        try {
            return Optional.of(Reference.parse(ref).toString());
        } catch (EngineException notAName) {
            if (looksLikeId(ref)) return Optional.empty();
            throw notAName;
        }
    }

    private static boolean looksLikeId(String ref) {
        String hex = ref.startsWith("sha256:") ? ref.substring(7) : ref;
        return hex.length() >= 4 && hex.length() <= 64 && hex.chars().allMatch(ch -> (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'));
    }

    /** The image, or Docker's "No such image" in one line. */
    public StoredImage require(String ref) {
        return find(ref).orElseThrow(() -> new EngineException("No such image: " + ref
                + " (jlab images lists them; the built-in busybox is made on its first use)"));
    }

    /**
     * The image a container starts from, with its layers unpacked. {@code busybox} is made on first use;
     * any other missing image gets one line that says how jlab gets images (it pulls from no registry).
     */
    public Image resolve(String ref) {
        Optional<StoredImage> found = find(ref);
        if (found.isEmpty() && BusyboxImage.isBuiltInName(ref)) found = Optional.of(BuiltInBusybox.make(this));
        StoredImage s = found.orElseThrow(() -> new EngineException("Unable to find image '" + ref + "' locally: jlab"
                + " pulls from no registry. Build one (jlab build), load one (jlab load -i FILE), use the built-in"
                + " \"busybox\", or run any directory with --rootfs DIR"));
        return image(s, ref);
    }

    /** A directory used as an image ({@code --rootfs DIR}): one layer, no default command. */
    public static Image directory(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new EngineException("--rootfs " + dir + ": no such directory");
        }
        return Image.directory(abs.toString(), abs);
    }

    /** The image a new container of {@code spec} starts from: its --rootfs directory, or its image. */
    public Image forSpec(jlab.engine.ContainerSpec spec) {
        return spec.rootfs() != null ? directory(spec.rootfs()) : resolve(spec.image());
    }

    /**
     * The image an existing container was made from: by the ID its config.json recorded (a tag may have
     * moved since), else by name (a container made before images had IDs).
     */
    public Image forConfig(jlab.engine.state.ContainerConfig c) {
        if (c.spec().rootfs() != null) return directory(c.spec().rootfs());
        if (c.imageId() != null) {
            StoredImage s = find(c.imageId()).orElseThrow(() -> new EngineException("the image " + c.imageName() + " ("
                    + c.imageId() + ") of container " + c.name() + " is gone from the image store: jlab rm the container"));
            return image(s, c.imageName());
        }
        return resolve(c.spec().image());
    }

    /** The image as containers use it: its layers unpacked (now, if they were not), its settings. */
    public Image image(StoredImage s, String asNamed) {
        List<java.nio.file.Path> dirs = new ArrayList<>();
        List<String> diffIds = s.config().diffIds();
        List<Descriptor> blobsOfLayers = s.manifestBody().layers();
        if (diffIds.size() != blobsOfLayers.size()) {
            throw new EngineException("image " + s.id().shortHex() + " is inconsistent: its config lists " + diffIds.size()
                    + " layers, its manifest " + blobsOfLayers.size());
        }
        for (int i = 0; i < diffIds.size(); i++) {
            Digest diffId = Digest.parse(diffIds.get(i));
            dirs.add(layers.ensure(diffId, blobsOfLayers.get(i), blobs, "layer " + (i + 1) + " (" + diffId.shortHex() + ") of "
                    + asNamed));
        }
        if (dirs.isEmpty()) {
            // FROM scratch with nothing added: overlayfs needs a lower layer, and an empty one is the truth.
            dirs.add(emptyLayer());
        }
        return new Image(asNamed, s.id().toString(), dirs, s.config().settings());
    }

    private Path emptyLayer() {
        Path empty = dir.resolve("layers").resolve("empty");
        try {
            Files.createDirectories(empty);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LayerLinks.ensure(empty);
        return empty;
    }

    /** The tags there are ({@code busybox} counts once made): for completion. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (ImageIndex.Entry e : index.read()) if (e.tag() != null) out.add(e.tag());
        return out;
    }

    /** The directories of every layer unpacked: what a container's overlay may name. */
    public Path layerDir(Digest diffId) { return layers.path(diffId); }

    // ---------------------------------------------------------------- writing

    /** Writes {@code root} as a layer tar blob (see {@link LayerWriter}); the lease keeps it until it is indexed. */
    public Descriptor writeLayer(Path root, FileTime fixedTime, Leases.Lease lease) {
        return writeLayer(root, fixedTime, java.util.Set.of(), lease);
    }

    /** The same, leaving out the paths of {@code skipped} (relative to {@code root}) and what is under them. */
    public Descriptor writeLayer(Path root, FileTime fixedTime, java.util.Set<String> skipped, Leases.Lease lease) {
        Descriptor d = blobs.write(Descriptor.LAYER, out -> new LayerWriter(root, fixedTime, skipped).writeTo(out));
        lease.add(d.digest());
        return d;
    }

    /**
     * Adds an image: its config and manifest as blobs, then its entry in the index, with {@code tags}
     * (each moved from the image that had it, which may be left dangling). The layers' blobs must
     * already be stored.
     */
    public StoredImage add(ImageConfig config, List<Descriptor> layerBlobs, String parent, boolean intermediate,
                           List<String> tags, Leases.Lease lease) {
        byte[] configBytes = json(config);
        Digest configDigest = blobs.put(configBytes);
        lease.add(configDigest);
        Manifest manifest = Manifest.of(new Descriptor(Descriptor.CONFIG, configDigest, configBytes.length), layerBlobs);
        byte[] manifestBytes = json(manifest);
        Digest manifestDigest = blobs.put(manifestBytes);
        lease.add(manifestDigest);
        Map<String, String> annotations = new HashMap<>();
        if (parent != null) annotations.put(ImageIndex.PARENT, parent);
        if (intermediate) annotations.put(ImageIndex.INTERMEDIATE, "true");
        if (config.created() != null) annotations.put(ImageIndex.CREATED, config.created());
        return index(new Descriptor(Descriptor.MANIFEST, manifestDigest, manifestBytes.length), annotations, tags);
    }

    /**
     * Lists an image whose manifest (and everything it names) is already stored, with {@code tags}:
     * load and build end here.
     */
    public StoredImage index(Descriptor manifest, Map<String, String> annotations, List<String> tags) {
        List<String> normalized = tags.stream().map(t -> Reference.parse(t).toString()).distinct().toList();
        index.update(entries -> {
            List<ImageIndex.Entry> next = new ArrayList<>();
            for (ImageIndex.Entry e : entries) {
                if (e.tag() != null && normalized.contains(e.tag()) && !e.manifest().equals(manifest.digest())) {
                    // The tag moves to the new image; the old one keeps an entry, untagged (dangling) if it was its last.
                    boolean others = entries.stream().anyMatch(o -> o != e && o.manifest().equals(e.manifest())
                            && (o.tag() == null || !normalized.contains(o.tag())));
                    if (!others) next.add(e.with(ImageIndex.REF_NAME, null));
                    continue;
                }
                next.add(e);
            }
            List<ImageIndex.Entry> mine = next.stream().filter(e -> e.manifest().equals(manifest.digest())).toList();
            Map<String, String> merged = new HashMap<>(annotations);
            mine.forEach(e -> e.annotations().forEach(merged::putIfAbsent));
            merged.remove(ImageIndex.REF_NAME);
            if (!normalized.isEmpty()) merged.remove(ImageIndex.INTERMEDIATE); // a tagged image is nobody's cache only
            next.removeAll(mine);
            List<String> keep = new ArrayList<>(mine.stream().map(ImageIndex.Entry::tag).filter(t -> t != null).toList());
            for (String t : normalized) if (!keep.contains(t)) keep.add(t);
            if (keep.isEmpty()) {
                next.add(new ImageIndex.Entry(manifest.mediaType(), manifest.digestText(), manifest.size(), merged));
            } else {
                for (String t : keep) {
                    Map<String, String> a = new HashMap<>(merged);
                    a.put(ImageIndex.REF_NAME, t);
                    next.add(new ImageIndex.Entry(manifest.mediaType(), manifest.digestText(), manifest.size(), a));
                }
            }
            return next;
        });
        Digest m = manifest.digest();
        return list().stream().filter(s -> s.manifest().equals(m)).findFirst().orElseThrow();
    }

    /** {@code jlab tag SOURCE TARGET}: one more name for an image. */
    public void tag(String source, String target) {
        StoredImage s = require(source);
        Reference.parse(target);
        index(new Descriptor(Descriptor.MANIFEST, s.manifest(), blobs.size(s.manifest())), Map.of(), List.of(target));
    }

    /**
     * The image a build ends with: no longer only a step's cache, so that {@code jlab images} lists it
     * (dangling if it gets no tag, as Docker's {@code <none>}), with {@code tags}.
     */
    public StoredImage finishBuild(StoredImage s, List<String> tags) {
        index.update(entries -> new ArrayList<>(entries.stream()
                .map(e -> e.manifest().equals(s.manifest()) ? e.with(ImageIndex.INTERMEDIATE, null) : e).toList()));
        return index(new Descriptor(Descriptor.MANIFEST, s.manifest(), blobs.size(s.manifest())), Map.of(), tags);
    }

    static byte[] json(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RFC 3339 time in UTC, as image configs write it. */
    public static String timestamp(Instant t) { return t.truncatedTo(ChronoUnit.SECONDS).toString(); }

    // ---------------------------------------------------------------- removing

    /**
     * {@code jlab rmi REF} (Docker's rules): a name removes that tag; the image itself goes with its last
     * tag, unless a container uses it (its last name is refused; with {@code force} only untagged) or another image is
     * built on it. An image named by ID with several tags needs {@code force}. The untagged build steps
     * beneath it go too, as in Docker. Returns Docker's lines: "Untagged: web:1", "Deleted: sha256:...".
     *
     * @param used    the IDs of images that containers (running or not) were made from
     * @param running the same, of running containers: named by its ID, such an image is refused even with
     *                {@code force}, as Docker refuses it (by a name, force only untags it)
     */
    public List<String> remove(String ref, boolean force, Map<String, String> used, Map<String, String> running) {
        StoredImage s = require(ref);
        boolean byName = !s.tags().isEmpty() && s.tags().contains(safeTag(ref));
        List<String> lines = new ArrayList<>();
        String id = s.id().toString();
        if (!byName && running.containsKey(id)) {
            throw new EngineException("conflict: unable to delete " + s.id().shortHex() + " (cannot be forced) - image is being"
                    + " used by running container " + running.get(id) + ": jlab stop it and jlab rm it first");
        }
        boolean lastName = !byName || s.tags().size() == 1;
        if (used.containsKey(id) && !force && lastName) {
            // Untagging it would leave a container's image nameless ("dangling"): Docker asks for -f.
            throw new EngineException("conflict: unable to remove " + (byName ? "repository reference \"" + ref + "\"" : ref)
                    + " (must force) - container " + used.get(id) + " is using its referenced image " + s.id().shortHex()
                    + ": jlab rm it first");
        }
        if (!byName && s.tags().size() > 1 && !force) {
            throw new EngineException("conflict: unable to delete " + s.id().shortHex() + " (must be forced) - image is"
                    + " referenced in multiple repositories: " + String.join(", ", s.tags()));
        }
        List<String> untag = byName ? List.of(safeTag(ref)) : s.tags();
        if (!byName && hasChildren(s)) {
            throw new EngineException("conflict: unable to delete " + s.id().shortHex() + " (cannot be forced) - image has"
                    + " dependent child images");
        }
        index.update(entries -> {
            List<ImageIndex.Entry> next = new ArrayList<>();
            for (ImageIndex.Entry e : entries) {
                if (e.manifest().equals(s.manifest()) && e.tag() != null && untag.contains(e.tag())) {
                    lines.add("Untagged: " + e.tag());
                } else if (e.manifest().equals(s.manifest()) && e.tag() == null && !byName) {
                    // An untagged image named by its ID: its entry goes (and the image with it, below).
                } else {
                    next.add(e);
                }
            }
            boolean left = next.stream().anyMatch(e -> e.manifest().equals(s.manifest()));
            if (!left) {
                if (used.containsKey(id) || hasChildren(s, next)) {
                    // Kept, untagged: a container or a child image still needs its layers.
                    next.add(new ImageIndex.Entry(Descriptor.MANIFEST, s.manifest().toString(), blobs.size(s.manifest()),
                            without(s.annotations(), ImageIndex.REF_NAME)));
                } else {
                    deleteWithUntaggedParents(s, next, used, lines);
                }
            }
            return next;
        });
        collect();
        return lines;
    }

    private static String safeTag(String ref) {
        try {
            return Reference.parse(ref).toString();
        } catch (EngineException e) {
            return ref;
        }
    }

    private boolean hasChildren(StoredImage s) {
        return list().stream().anyMatch(o -> s.id().toString().equals(o.parent()));
    }

    /** Does an image of {@code entries} name {@code s} as its parent? */
    private boolean hasChildren(StoredImage s, List<ImageIndex.Entry> entries) {
        return entries.stream().anyMatch(e -> s.id().toString().equals(e.annotations().get(ImageIndex.PARENT)));
    }

    /** Takes {@code s} out of {@code entries}, then its parent if that is an untagged build step nothing else needs. */
    private void deleteWithUntaggedParents(StoredImage s, List<ImageIndex.Entry> entries, Map<String, String> used,
                                           List<String> lines) {
        StoredImage at = s;
        while (at != null) {
            StoredImage gone = at;
            entries.removeIf(e -> e.manifest().equals(gone.manifest()));
            lines.add("Deleted: " + gone.id());
            at = null;
            if (gone.parent() == null) break;
            for (ImageIndex.Entry e : entries) {
                StoredImage p = load(e.manifest(), List.of(e));
                if (p.id().toString().equals(gone.parent())) {
                    boolean untagged = entries.stream().noneMatch(o -> o.manifest().equals(p.manifest()) && o.tag() != null);
                    if (untagged && p.intermediate() && !used.containsKey(p.id().toString()) && !hasChildren(p, entries)) at = p;
                    break;
                }
            }
        }
    }

    private static Map<String, String> without(Map<String, String> m, String key) {
        Map<String, String> c = new HashMap<>(m);
        c.remove(key);
        return c;
    }

    /**
     * {@code jlab image prune}: dangling images (no tag, no container, nothing built on them), with
     * their untagged build steps; with {@code all}, every image no container uses.
     */
    public List<String> prune(boolean all, Map<String, String> used) {
        List<String> lines = new ArrayList<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (StoredImage s : listVisible(true)) {
                if (used.containsKey(s.id().toString()) || hasChildren(s)) continue;
                boolean candidate = all || s.tags().isEmpty();
                if (!candidate) continue;
                for (String t : s.tags()) lines.add("Untagged: " + t);
                index.update(entries -> {
                    List<ImageIndex.Entry> next = new ArrayList<>(entries);
                    deleteWithUntaggedParents(s, next, used, lines);
                    return next;
                });
                changed = true;
                break;
            }
        }
        collect();
        return lines;
    }

    /**
     * Deletes the blobs and unpacked layers that no image in the index names and no living jlab holds
     * in a lease: what rmi and prune leave behind. Also what a killed jlab left half-written.
     */
    public void collect() {
        index.update(entries -> {
            Set<String> keepBlobs = new HashSet<>(leases.held());
            Set<String> keepLayers = new HashSet<>();
            for (ImageIndex.Entry e : entries) {
                keepBlobs.add(e.manifest().hex());
                try {
                    Manifest m = readJson(e.manifest(), Manifest.class);
                    keepBlobs.add(m.config().digest().hex());
                    m.layers().forEach(l -> keepBlobs.add(l.digest().hex()));
                    readJson(m.config().digest(), ImageConfig.class).diffIds().forEach(d -> keepLayers.add(Digest.parse(d).hex()));
                } catch (EngineException lost) {
                    // a lost blob: keep what can be kept
                }
            }
            for (Digest d : blobs.list()) if (!keepBlobs.contains(d.hex())) blobs.delete(d);
            for (Digest d : layers.list()) if (!keepLayers.contains(d.hex()) && !keepBlobs.contains(d.hex())) layers.delete(d);
            blobs.deleteStaleTemporaries();
            layers.deleteStaleTemporaries();
            return entries;
        });
    }

    /**
     * {@code jlab gc}: what a jlab killed while it built, loaded or made busybox left in the store —
     * its scratch directories ({@code builds/PID-N} of a process that is gone, {@code .busybox-*}), and
     * the blobs and unpacked layers it wrote but never indexed (its lease died with it). Returns a line
     * per thing removed.
     */
    public List<String> sweepAfterCrash() {
        List<String> removed = new ArrayList<>();
        try {
            Path builds = dir.resolve("builds");
            if (Files.isDirectory(builds)) {
                try (java.util.stream.Stream<Path> s = Files.list(builds)) {
                    for (Path p : s.toList()) {
                        String name = p.getFileName().toString();
                        int dash = name.indexOf('-');
                        if (dash <= 0 || !name.substring(0, dash).chars().allMatch(Character::isDigit)) continue;
                        if (ProcessHandle.of(Long.parseLong(name.substring(0, dash))).isEmpty()) {
                            ContainerStore.deleteTree(p);
                            removed.add("build directory " + p + " (its jlab is gone)");
                        }
                    }
                }
            }
            if (Files.isDirectory(dir)) {
                long old = System.currentTimeMillis() - 60_000;
                try (java.util.stream.Stream<Path> s = Files.list(dir)) {
                    for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".busybox-")).toList()) {
                        if (Files.getLastModifiedTime(p).toMillis() < old) {
                            ContainerStore.deleteTree(p);
                            removed.add("busybox work directory " + p);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Files.isDirectory(dir.resolve("blobs"))) {
            int blobsBefore = blobs.list().size();
            int layersBefore = layers.list().size();
            collect();
            int b = blobsBefore - blobs.list().size();
            int l = layersBefore - layers.list().size();
            if (b > 0) removed.add(b + " image blob(s) no image names (written by a jlab that did not finish)");
            if (l > 0) removed.add(l + " unpacked layer(s) no image names");
        }
        return removed;
    }

    /** Deletes the whole store's work directory {@code tmp} (a build's or a load's scratch space). */
    static void deleteQuietly(Path tmp) {
        if (tmp != null) ContainerStore.deleteTree(tmp);
    }
}
