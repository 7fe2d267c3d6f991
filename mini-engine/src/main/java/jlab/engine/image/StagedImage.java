package jlab.engine.image;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An image whose blobs are in the store, held by a lease, but not yet in the index: what {@code load}
 * and {@code import} make before they know it is whole. {@link #verify} unpacks its layers, which
 * checks each one's tar against the config's {@code diff_ids}; only then does {@link #index} list it.
 * Until that last step no {@code jlab images} shows it, and if anything fails, the store's
 * {@code collect()} removes every blob and layer it had, since the index names none of them.
 *
 * @param manifest the manifest's descriptor, as the index will point to it
 * @param tags     the names it will get ({@code web:1}); none for an untagged image
 */
record StagedImage(Descriptor manifest, Manifest body, Digest configDigest, ImageConfig config, List<String> tags) {
    StagedImage {
        tags = List.copyOf(tags);
    }

    /** The staged image as the store's own reading would show it once indexed. */
    StoredImage stored() {
        long size = body.layers().stream().mapToLong(Descriptor::size).sum();
        return new StoredImage(configDigest, manifest.digest(), body, config, tags, null, false, size, Map.of());
    }

    /** Unpacks its layers into the store (each checked against its diff_id): refuses an image that is not whole. */
    void verify(ImageStore store, String what) { store.image(stored(), what); }

    /** Lists it in the store's index, with its tags. */
    StoredImage index(ImageStore store) {
        Map<String, String> annotations = new HashMap<>();
        if (config.created() != null) annotations.put(ImageIndex.CREATED, config.created());
        return store.index(manifest, annotations, tags);
    }
}
