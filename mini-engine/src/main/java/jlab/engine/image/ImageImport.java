package jlab.engine.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import jlab.engine.EngineException;

/**
 * {@code jlab import}: a flat tar of a root filesystem ({@code jlab export}'s, {@code docker export}'s,
 * {@code tar -C rootfs -c .}'s) becomes an image of one layer, as {@code docker import} does. The tar
 * (gunzipped if it was compressed) is the layer, byte for byte; its settings are empty but for
 * {@code --change}. It is unpacked before it is indexed: a tar that is not one, or whose names climb out
 * of it, is refused and leaves nothing.
 */
public final class ImageImport {
    private final ImageStore store;

    public ImageImport(ImageStore store) { this.store = store; }

    /**
     * @param source  where the tar came from ("-" for standard input), for the history's comment
     * @param changes {@code --change} instructions ({@link ConfigChange})
     * @param message {@code -m}: the history's comment instead of "Imported from SOURCE"
     * @param tags    the new image's names (may be empty)
     */
    public StoredImage importTar(InputStream in, String source, List<String> changes, String message, List<String> tags) {
        ImageConfig.Settings settings = ConfigChange.applyAll(ImageConfig.Settings.EMPTY, changes);
        tags.forEach(Reference::parse);
        boolean indexed = false;
        Leases.Lease lease = store.leases().open();
        try {
            Descriptor layer;
            try (InputStream tar = LayerReader.uncompressed(in)) {
                layer = store.blobs().write(Descriptor.LAYER, tar::transferTo);
            }
            lease.add(layer.digest());
            String created = ImageStore.timestamp(Instant.now());
            ImageConfig base = ImageConfig.scratch();
            ImageConfig config = new ImageConfig(created, null, base.architecture(), base.os(), settings,
                    new ImageConfig.RootFs("layers", List.of(layer.digest().toString())),
                    List.of(new ImageConfig.History(created, null, message != null ? message : "Imported from " + source, null)));
            byte[] configBytes = ImageStore.json(config);
            Descriptor configDesc = new Descriptor(Descriptor.CONFIG, Digest.of(configBytes), configBytes.length);
            lease.add(configDesc.digest());
            store.blobs().put(configBytes);
            Manifest m = Manifest.of(configDesc, List.of(layer));
            byte[] manifestBytes = ImageStore.json(m);
            Descriptor manifest = new Descriptor(Descriptor.MANIFEST, Digest.of(manifestBytes), manifestBytes.length);
            lease.add(manifest.digest());
            store.blobs().put(manifestBytes);
            StagedImage staged = new StagedImage(manifest, m, configDesc.digest(), config, tags);
            staged.verify(store, "the tar of " + source);
            StoredImage stored = staged.index(store);
            indexed = true;
            return stored;
        } catch (IOException e) {
            throw new EngineException("import " + source + ": cannot read it: " + e.getMessage(), 1);
        } catch (UncheckedIOException e) {
            throw new EngineException("import " + source + ": " + e.getMessage(), 1);
        } finally {
            lease.close();
            if (!indexed) store.collect();
        }
    }
}
