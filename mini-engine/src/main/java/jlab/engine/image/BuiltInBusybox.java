package jlab.engine.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * Puts the built-in {@code busybox:latest} into the store: one layer made from the host's static
 * busybox ({@link BusyboxImage}), and a config whose CMD is {@code sh}, as Docker Hub's busybox.
 *
 * Every file of the layer gets the time of the host's busybox binary, so the layer's tar — and so
 * the image's ID — is the same each time it is made from the same busybox: remove it, run again,
 * and the same ID comes back.
 */
final class BuiltInBusybox {
    private BuiltInBusybox() {}

    static StoredImage make(ImageStore store) {
        Path busybox = BusyboxImage.findStaticBusybox();
        Path work = null;
        try (Leases.Lease lease = store.leases().open()) {
            Files.createDirectories(store.dir());
            work = Files.createTempDirectory(store.dir(), ".busybox-");
            Path rootfs = work.resolve("rootfs");
            BusyboxImage.build(rootfs);
            FileTime time = Files.getLastModifiedTime(busybox);
            Descriptor layer = store.writeLayer(rootfs, time, lease);
            String created = ImageStore.timestamp(time.toInstant());
            ImageConfig base = ImageConfig.scratch();
            ImageConfig config = base.child(created, "jlab: the host's static busybox (" + busybox + "), a symlink per applet,"
                            + " /etc/passwd and /etc/group", layer.digest(),
                    ImageConfig.Settings.EMPTY.withEnv(List.of(Image.DEFAULT_PATH)).withCmd(List.of("sh")));
            config = config.child(created, "CMD [\"sh\"]", null, config.settings());
            return store.add(config, List.of(layer), null, false, List.of(BusyboxImage.NAME + ":latest"), lease);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the busybox image: " + e.getMessage(), e);
        } finally {
            ImageStore.deleteQuietly(work);
        }
    }
}
